import { benchArgs, intList } from './bench-args';

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
});
