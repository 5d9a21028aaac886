/** The signals that stop start-all: the ones concurrently's KillOnSignal passes on to every service. */
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** Whether start-all has been asked to stop, and callbacks for the moment it is. */
export class StopSignals {
  private caught: NodeJS.Signals | undefined;
  private readonly listeners: (() => void)[] = [];
  private readonly onSignal = (signal: NodeJS.Signals) => {
    if (this.caught) return;
    this.caught = signal;
    for (const listener of this.listeners) listener();
  };

  constructor(private readonly process: NodeJS.EventEmitter) {
    for (const signal of SIGNALS) process.on(signal, this.onSignal);
  }

  get stopping(): boolean {
    return this.caught !== undefined;
  }

  onStop(listener: () => void): void {
    this.listeners.push(listener);
  }

  dispose(): void {
    for (const signal of SIGNALS) this.process.off(signal, this.onSignal);
  }
}
