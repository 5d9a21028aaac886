import type { ProcStat } from './proc-stat';

/** `root` and every process below it, found by walking the ppid links of a process table. */
export function processTree(root: number, table: readonly ProcStat[]): ProcStat[] {
  const children = new Map<number, ProcStat[]>();
  for (const stat of table) {
    const siblings = children.get(stat.ppid) ?? [];
    siblings.push(stat);
    children.set(stat.ppid, siblings);
  }
  const rootStat = table.find((stat) => stat.pid === root);
  if (!rootStat) return [];
  const tree: ProcStat[] = [];
  const pending = [rootStat];
  for (let stat = pending.pop(); stat; stat = pending.pop()) {
    tree.push(stat);
    pending.push(...(children.get(stat.pid) ?? []));
  }
  return tree;
}

/**
 * CPU ticks a set of processes has used: each one's own user + system time,
 * plus what its reaped children used (cutime + cstime). A child still alive is
 * in the set itself; once it exits and is reaped its time moves to its parent's
 * cutime/cstime, so a difference of two readings counts it exactly once (save a
 * child reaped between reading it and reading its parent).
 */
export function cpuTicks(processes: readonly ProcStat[]): number {
  return processes.reduce((sum, p) => sum + p.utime + p.stime + p.cutime + p.cstime, 0);
}
