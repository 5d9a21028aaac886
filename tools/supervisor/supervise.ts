import type { Writable } from 'node:stream';
import {
  createConcurrently,
  KillOnSignal,
  LogError,
  LogOutput,
  Logger,
  RestartProcess,
  type ConcurrentlyCommandInput,
} from 'concurrently';
import { ExitWatch } from './exit-watch';
import { RESTART_POLICY } from './restart-policy';
import { StopSignals } from './stop-signals';

export interface SuperviseOptions {
  /** Where SIGINT/SIGTERM/SIGHUP arrive (this process; a spec's own emitter). */
  signals?: NodeJS.EventEmitter;
  output?: Writable;
}

/**
 * Runs the commands side by side with prefixed logs, the way `concurrently`
 * does, but as a supervisor: a command that exits on its own is restarted
 * with backoff (concurrently's RestartProcess) while the others keep running,
 * and SIGINT/SIGTERM/SIGHUP reach every command (concurrently's KillOnSignal)
 * with no restart after them (ExitWatch). These are concurrently's own
 * controllers, assembled here only so that ExitWatch can sit in front of
 * RestartProcess. Resolves, once every command has stopped, with start-all's
 * exit code: 0 after a clean stop, 1 when a service died while stopping or
 * used up its restarts.
 */
export async function supervise(
  commands: ConcurrentlyCommandInput[],
  options: SuperviseOptions = {},
): Promise<number> {
  const signals = options.signals ?? process;
  const stop = new StopSignals(signals);
  const logger = new Logger({ prefixFormat: 'name' });
  const abortController = new AbortController();
  const exits = new ExitWatch(stop, logger, RESTART_POLICY.tries);
  const { result } = createConcurrently(commands, {
    logger,
    outputStream: options.output ?? process.stdout,
    abortSignal: abortController.signal,
    controllers: [
      exits,
      new LogError({ logger }),
      new LogOutput({ logger }),
      new KillOnSignal({ process: signals, abortController }),
      new RestartProcess({ logger, delay: RESTART_POLICY.delay, tries: RESTART_POLICY.tries }),
    ],
  });
  // Every exit code is ExitWatch's business; concurrently's verdict only says "all stopped".
  await result.catch(() => undefined);
  stop.dispose();
  return exits.unclean || !stop.stopping ? 1 : 0;
}
