import { cpuTicks, processTree } from './process-tree';
import type { ProcStat } from './proc-stat';

const proc = (pid: number, ppid: number, times = [0, 0, 0, 0]): ProcStat => {
  const [utime = 0, stime = 0, cutime = 0, cstime = 0] = times;
  return { pid, ppid, comm: `p${pid}`, utime, stime, cutime, cstime };
};

describe('processTree', () => {
  const table = [proc(1, 0), proc(10, 1), proc(11, 10), proc(12, 11), proc(13, 10), proc(20, 1)];

  it('walks every generation below the root, and nothing beside it', () => {
    expect(
      processTree(10, table)
        .map((p) => p.pid)
        .sort(),
    ).toEqual([10, 11, 12, 13]);
  });

  it('is empty when the root has gone', () => {
    expect(processTree(99, table)).toEqual([]);
  });
});

describe('cpuTicks', () => {
  it("adds each process's own time and its reaped children's", () => {
    expect(cpuTicks([proc(1, 0, [1, 2, 30, 40]), proc(2, 1, [5, 5, 0, 0])])).toBe(83);
  });

  it('counts a child once across its exit: live at the first reading, reaped at the second', () => {
    const before = cpuTicks([proc(1, 0, [10, 0, 0, 0]), proc(2, 1, [4, 1, 0, 0])]);
    const after = cpuTicks([proc(1, 0, [12, 0, 7, 2])]); // the child used 9 in all, then was reaped
    expect(after - before).toBe(2 + 9 - 5);
  });
});
