import { ticksToMs } from './clock-ticks';
import type { CpuSource } from './cpu-meter';
import { cpuTicks, processTree } from './process-tree';
import { readCmdline, type ProcStat } from './proc-stat';

export const START_ALL_NAME = 'start-all (concurrently, log prefixing)';

/** Processes of one name in start-all's tree, e.g. a service and the `sh -c` concurrently wraps it in. */
export interface NamedProcesses {
  name: string;
  pids: number[];
  /** CPU ticks used so far (own, plus reaped children's). */
  ticks: number;
}

const APP_SCRIPT = /dist\/apps\/([^/]+)\/src\/main\.js/;

/**
 * What a process of start-all's tree is: start-all itself, or the app whose
 * script its command line runs. concurrently starts each app through
 * `/bin/sh -c "exec [nice -n 10 ]node dist/apps/<app>/src/main.js"` (the
 * shell execs nice, nice execs node, so the pid stays); should a shell stay
 * (an older start-all), its command line names the app too, so it is counted
 * with it. A service start-all restarted is the same name under a new pid.
 */
export function nameOf(pid: number, cmdline: string, startAllPid: number): string {
  if (pid === startAllPid) return START_ALL_NAME;
  return APP_SCRIPT.exec(cmdline)?.[1] ?? `other: ${cmdline.slice(0, 60)}`;
}

/** start-all's tree, read now from `table`, grouped by name. */
export function pipelineProcesses(
  startAllPid: number,
  table: readonly ProcStat[],
  cmdlineOf: (pid: number) => string = readCmdline,
): NamedProcesses[] {
  const groups = new Map<string, ProcStat[]>();
  for (const stat of processTree(startAllPid, table)) {
    const name = nameOf(stat.pid, cmdlineOf(stat.pid), startAllPid);
    groups.set(name, [...(groups.get(name) ?? []), stat]);
  }
  return [...groups].map(([name, stats]) => ({
    name,
    pids: stats.map((s) => s.pid).sort((a, b) => a - b),
    ticks: cpuTicks(stats),
  }));
}

/** start-all's tree as a CPU source: one entry per service, and start-all itself. */
export function pipelineCpu(startAllPid: number): CpuSource {
  return (table) =>
    Object.fromEntries(
      pipelineProcesses(startAllPid, table).map((group) => [group.name, ticksToMs(group.ticks)]),
    );
}
