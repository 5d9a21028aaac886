import { afterFailedTry } from './delivery-schedule';

describe('afterFailedTry', () => {
  const policy = { attempts: 4, backoffMs: 1_000 };

  it('retries with doubling pauses while tries are left', () => {
    expect([1, 2, 3].map((attempts) => afterFailedTry(attempts, policy))).toEqual([
      { retryInMs: 1_000 },
      { retryInMs: 2_000 },
      { retryInMs: 4_000 },
    ]);
  });

  it('gives up once the last try failed', () => {
    expect(afterFailedTry(4, policy)).toBe('give-up');
    expect(afterFailedTry(1, { attempts: 1, backoffMs: 1_000 })).toBe('give-up');
  });
});
