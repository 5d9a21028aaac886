import { nameOf, pipelineProcesses, START_ALL_NAME } from './pipeline-processes';
import type { ProcStat } from './proc-stat';

const proc = (pid: number, ppid: number, utime: number): ProcStat => ({
  pid,
  ppid,
  comm: 'x',
  utime,
  stime: 0,
  cutime: 0,
  cstime: 0,
});

describe('pipelineProcesses', () => {
  const cmdlines: Record<number, string> = {
    100: 'node dist/tools/start-all.js',
    101: '/bin/sh -c nice -n 10 node dist/apps/ledger/src/main.js',
    102: 'node dist/apps/ledger/src/main.js',
    103: '/bin/sh -c node dist/apps/dashboard/src/main.js',
    104: 'node dist/apps/dashboard/src/main.js',
    200: 'node dist/apps/ledger/src/main.js', // someone else's npm start: not in our tree
  };
  const table = [
    proc(100, 1, 3),
    proc(101, 100, 0),
    proc(102, 101, 40),
    proc(103, 100, 0),
    proc(104, 103, 9),
    proc(200, 1, 99),
  ];

  it("groups start-all's tree by the app each command line runs (its sh -c wrapper with it)", () => {
    const groups = pipelineProcesses(100, table, (pid) => cmdlines[pid] ?? '');
    expect(groups.sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { name: 'dashboard', pids: [103, 104], ticks: 9 },
      { name: 'ledger', pids: [101, 102], ticks: 40 },
      { name: START_ALL_NAME, pids: [100], ticks: 3 },
    ]);
  });

  it('names what it does not know by its command line', () => {
    expect(nameOf(5, 'sleep 1', 100)).toBe('other: sleep 1');
  });
});
