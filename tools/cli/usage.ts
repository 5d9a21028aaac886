import type { CommandUnknownOpts } from '@commander-js/extra-typings';

/** Exit codes every subcommand shares (a tool's own "found a problem" is 1). */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/**
 * Runs a check of the command line that needs more than one option at a time
 * (a profile file, a name and a port together): what it throws is a usage
 * error, reported by commander like a bad option (message, hint, exit 2).
 */
export function asUsage<T>(command: CommandUnknownOpts, check: () => T, subject?: string): T {
  try {
    return check();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const message = subject ? `${subject}: ${reason}` : reason;
    return command.error(`error: ${message}`, { exitCode: EXIT.usage, code: 'dinner-rush.usage' });
  }
}
