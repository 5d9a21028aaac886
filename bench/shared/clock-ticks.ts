import { execFileSync } from 'node:child_process';

let ticksPerS: number | undefined;

/**
 * Clock ticks per second of /proc's times (USER_HZ, `getconf CLK_TCK`; 100 on
 * every Linux build we know of, which is the fallback if getconf is missing).
 * Read once: running getconf later would add a reaped child to our own cutime.
 */
export function clockTicksPerS(): number {
  if (ticksPerS === undefined) {
    try {
      ticksPerS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerS = 100;
    }
  }
  return ticksPerS;
}

export function ticksToMs(ticks: number): number {
  return (ticks * 1_000) / clockTicksPerS();
}
