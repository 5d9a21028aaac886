import { settlesWithin } from './settles-within';

describe('settlesWithin', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('is true for work that settles in time, rejected work included', async () => {
    await expect(settlesWithin(Promise.resolve('done'), 1_000)).resolves.toBe(true);
    await expect(settlesWithin(Promise.reject(new Error('no')), 1_000)).resolves.toBe(true);
  });

  it('is false once the time runs out, and leaves no timer behind when it does not', async () => {
    const late = settlesWithin(new Promise(() => undefined), 1_000);
    await jest.advanceTimersByTimeAsync(1_000);
    await expect(late).resolves.toBe(false);
    await settlesWithin(Promise.resolve(), 60_000);
    expect(jest.getTimerCount()).toBe(0);
  });
});
