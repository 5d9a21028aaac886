import { ticksToMs } from './clock-ticks';
import { cpuTicks, processTree } from './process-tree';
import { readProcessTable, readProcStat, type ProcStat } from './proc-stat';

/** CPU milliseconds used so far, by the name of a process or group of processes. */
export type CpuReading = Record<string, number>;

/** One part of a reading, taken from a process table read once for all parts (so they agree in time). */
export type CpuSource = (table: readonly ProcStat[]) => CpuReading;

/** Reads every source against one fresh process table. */
export function readCpu(sources: readonly CpuSource[]): CpuReading {
  const table = readProcessTable();
  return Object.assign({}, ...sources.map((source) => source(table))) as CpuReading;
}

/** What each process used between two readings (a name new in `after` counts from zero). */
export function cpuDelta(before: CpuReading, after: CpuReading): CpuReading {
  return Object.fromEntries(
    Object.entries(after).map(([name, ms]) => [name, Math.max(0, ms - (before[name] ?? 0))]),
  );
}

/** A server and everything below it (a postmaster and its backends; beam.smp and erl_child_setup). */
export function serverTreeCpu(name: string, rootPid: number): CpuSource {
  return (table) => ({ [name]: ticksToMs(cpuTicks(processTree(rootPid, table))) });
}

/**
 * This process (the load generator or the floor's raw client), from Node's own
 * counters, which are finer than /proc's 10 ms ticks. Excludes children.
 */
export function selfCpu(name: string): CpuSource {
  return () => {
    const { user, system } = process.cpuUsage();
    return { [name]: (user + system) / 1_000 };
  };
}

/** Children of this process that have exited and been waited for (pgbench run through execFile). */
export function reapedChildrenCpu(name: string): CpuSource {
  return () => {
    const self = readProcStat('self');
    return { [name]: self ? ticksToMs(self.cutime + self.cstime) : 0 };
  };
}
