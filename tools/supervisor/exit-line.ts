import { constants } from 'node:os';
import { restartDelayMs } from './restart-policy';

/** concurrently's exit code: a number, or the signal's name when the process died of one. */
export type ExitCode = number | string;

/** What the processes send back when asked to stop: Nest closes, then re-raises the signal. */
const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];

export function describeExit(exitCode: ExitCode): string {
  if (typeof exitCode === 'string') return `signal ${exitCode}`;
  // A shell reports a child killed by signal n as 128 + n.
  const signal = Object.entries(constants.signals).find(([, n]) => n === exitCode - 128)?.[0];
  return signal ? `code ${exitCode}, ${signal}` : `code ${exitCode}`;
}

/** Exited as a stop asks: 0, or killed by the stop signal itself. */
export function isCleanStop(exitCode: ExitCode): boolean {
  if (exitCode === 0) return true;
  if (typeof exitCode === 'string') return STOP_SIGNALS.includes(exitCode);
  return STOP_SIGNALS.some((name) => constants.signals[name as NodeJS.Signals] === exitCode - 128);
}

export interface ExitFacts {
  service: string;
  exitCode: ExitCode;
  /** start-all is stopping (Ctrl-C, SIGTERM): exits are expected, nothing restarts. */
  stopping: boolean;
  /** Failed exits of this service so far, this one included. */
  failures: number;
  tries: number;
}

export interface ExitOutcome {
  line: string;
  /** A restart is due (concurrently's RestartProcess will make it). */
  restarts: boolean;
  /** Counts against start-all's own exit code. */
  unclean: boolean;
}

/** The one line the log gets when a service exits, and what happens next. */
export function exitOutcome(facts: ExitFacts): ExitOutcome {
  const { service, exitCode, stopping, failures, tries } = facts;
  const how = describeExit(exitCode);
  if (stopping) {
    return isCleanStop(exitCode)
      ? { line: `${service} stopped (${how})`, restarts: false, unclean: false }
      : { line: `${service} exited (${how}) while stopping`, restarts: false, unclean: true };
  }
  if (exitCode === 0) {
    return { line: `${service} exited (${how}): not restarted`, restarts: false, unclean: false };
  }
  if (failures > tries) {
    return {
      line: `${service} exited (${how}) after ${tries} restarts: left stopped, the other services keep running`,
      restarts: false,
      unclean: true,
    };
  }
  const delayS = restartDelayMs(failures - 1) / 1000;
  return {
    line: `${service} exited (${how}): restart ${failures} of ${tries} in ${delayS} s, the other services keep running`,
    restarts: true,
    unclean: false,
  };
}
