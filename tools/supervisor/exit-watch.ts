import type { CloseEvent, Command, FlowController, Logger } from 'concurrently';
import { map, merge, Subject } from 'rxjs';
import { exitOutcome } from './exit-line';
import type { StopSignals } from './stop-signals';

/**
 * Watches every service's exits, first in concurrently's chain of controllers
 * (so it sees the real exit codes), and says in one line what happened and
 * what comes next. It also keeps restarts from outliving a stop, which
 * concurrently's RestartProcess does not know about: once start-all is
 * stopping, every exit reads as 0 downstream (so nothing restarts, whatever
 * signal or code a service died with), a restart that comes due does not
 * start, and a service waiting for its restart counts as stopped at once (else
 * start-all would wait for the delay, or forever for a close that never comes).
 */
export class ExitWatch implements FlowController {
  /** A service exited uncleanly while stopping, or used up its restarts. */
  unclean = false;

  constructor(
    private readonly stop: StopSignals,
    private readonly logger: Logger,
    private readonly tries: number,
  ) {}

  handle(commands: Command[]): { commands: Command[] } {
    return { commands: commands.map((command) => this.watch(command)) };
  }

  private watch(command: Command): Command {
    const { stop, logger, tries } = this;
    let failures = 0;
    let restartDue = false;
    const stoppedWhileWaiting = new Subject<CloseEvent>();
    command.close.subscribe(({ exitCode }) => {
      if (!stop.stopping && exitCode !== 0) failures++;
      const outcome = exitOutcome({
        service: command.name,
        exitCode,
        stopping: stop.stopping,
        failures,
        tries,
      });
      restartDue = outcome.restarts;
      this.unclean ||= outcome.unclean;
      logger.logGlobalEvent(outcome.line);
    });
    stop.onStop(() => {
      if (!restartDue) return;
      restartDue = false;
      logger.logGlobalEvent(`${command.name} was waiting for its restart: stays stopped`);
      const now = new Date();
      stoppedWhileWaiting.next({
        command,
        index: command.index,
        exitCode: 0,
        killed: false,
        timings: { startDate: now, endDate: now, durationSeconds: 0 },
      });
    });
    const close = merge(command.close, stoppedWhileWaiting).pipe(
      map((event) => (stop.stopping ? { ...event, exitCode: 0 } : event)),
    );
    const start = () => {
      restartDue = false;
      if (!stop.stopping) command.start();
    };
    // A proxy, as concurrently's own controllers do, so state changes land on the command itself.
    return new Proxy(command, {
      get(target, prop, receiver) {
        if (prop === 'close') return close;
        if (prop === 'start') return start;
        return Reflect.get(target, prop, receiver) as unknown;
      },
    });
  }
}
