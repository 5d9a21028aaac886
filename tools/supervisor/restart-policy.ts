/**
 * How a service that exits on its own (a crash, SIGKILL, the connection
 * watchdog's deliberate exit 1) comes back: concurrently's RestartProcess with
 * its 'exponential' delay, 1 s, 2 s, 4 s … 128 s, about four minutes in all.
 * Enough for a broker or database hiccup to pass; a service that still cannot
 * start is then left stopped (and says so) rather than spinning all day.
 * concurrently counts restarts over the whole run and never resets them.
 */
export const RESTART_POLICY = { tries: 8, delay: 'exponential' } as const;

/** The wait before restart `index` (0-based): concurrently's formula for 'exponential'. */
export function restartDelayMs(index: number): number {
  return 2 ** index * 1000;
}
