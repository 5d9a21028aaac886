import { parseProcStat } from './proc-stat';

describe('parseProcStat', () => {
  // A real line (postmaster), fields 1-22 and on as proc(5) lists them.
  const postmaster =
    '2197 (postgres) S 1 2197 2197 0 -1 4194560 9261 4722953 0 90 41 117 21052 45671 20 0 1 0 1361 226582528 7437 18446744073709551615 1 1 0 0 0 0 4214784 4194304 91152 0 0 0 17 1 0 0 0 0 0';

  it('reads pid, name, parent and the four CPU times', () => {
    expect(parseProcStat(postmaster)).toEqual({
      pid: 2197,
      comm: 'postgres',
      ppid: 1,
      utime: 41,
      stime: 117,
      cutime: 21052,
      cstime: 45671,
    });
  });

  it('survives a name with spaces and parentheses (it is split after the last ")")', () => {
    const line = '42 (a) b (c)) R 7 42 42 0 -1 0 0 0 0 0 5 6 7 8 20 0 1 0 1 1 1';
    expect(parseProcStat(line)).toMatchObject({
      pid: 42,
      comm: 'a) b (c)',
      ppid: 7,
      utime: 5,
      cstime: 8,
    });
  });

  it('refuses what is not a stat line', () => {
    expect(() => parseProcStat('garbage')).toThrow(/not a \/proc/);
    expect(() => parseProcStat('1 (x) S 0')).toThrow(/field 14/);
  });
});
