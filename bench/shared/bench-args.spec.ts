import { benchArgs, intList, takeSwitch } from './bench-args';

describe('benchArgs', () => {
  const defaults = { connections: '8,32,64', duration: '10' };

  it('takes flags over defaults and rejects unknown ones', () => {
    expect(benchArgs(['--duration', '3'], defaults)).toEqual({
      connections: '8,32,64',
      duration: '3',
    });
    expect(() => benchArgs(['--nope', '1'], defaults)).toThrow();
  });

  it('keeps the older positional form working where asked to', () => {
    expect(benchArgs(['32', '5'], defaults, ['connections', 'duration'])).toEqual({
      connections: '32',
      duration: '5',
    });
    expect(() => benchArgs(['32'], defaults)).toThrow();
  });

  it('reads lists of positive integers', () => {
    expect(intList('8,32,64', 'connections')).toEqual([8, 32, 64]);
    expect(() => intList('8,x', 'connections')).toThrow(/--connections/);
  });

  it('takes a bare switch out before the flags are parsed', () => {
    expect(takeSwitch(['--reduced', '--rates', '10'], 'reduced')).toEqual({
      on: true,
      rest: ['--rates', '10'],
    });
    expect(takeSwitch(['--rates', '10'], 'reduced').on).toBe(false);
  });
});
