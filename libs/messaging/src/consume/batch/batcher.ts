/** Something waiting in a batch, settled once its batch is done. */
export interface Batched {
  /** Taken out of its batch by the apply function: it settles with its own error. */
  readonly rejected: boolean;
  /** Before it is applied again on its own: what its failed batch noted no longer holds. */
  reset(): void;
  /** Its batch succeeded (a rejected item settles with its rejection instead). */
  complete(): void;
  failWith(error: unknown): void;
}

export interface BatchSettings {
  /** Most items applied with one call (one transaction). */
  size: number;
  /**
   * Longest an item waits for company before its batch is applied anyway:
   * light traffic pays at most this in latency, busy traffic fills batches.
   * 0: as soon as a slot is free (what arrived in the same tick goes together).
   */
  lingerMs: number;
  /** Batches applied at once. */
  maxInFlight: number;
}

/**
 * Groups items that arrive one by one (messages, HTTP requests) and applies
 * each group with one call, usually one transaction. A batch is applied when
 * it is full, or when its first item has waited `lingerMs`, whichever comes
 * first, and only while fewer than `maxInFlight` batches are running; items
 * that arrive meanwhile make the next batch bigger (group commit).
 *
 * A batch that fails is taken apart: each item is applied alone, so one bad
 * item fails alone and the rest go through, unless `failsTogether` says the
 * error is not any one item's (a database outage): then all of them fail.
 */
export class Batcher<Item extends Batched> {
  private pending: Item[] = [];
  private running = 0;
  private lingerTimer?: NodeJS.Timeout;
  private lingerOver = false;

  constructor(
    private readonly settings: BatchSettings,
    private readonly apply: (batch: readonly Item[]) => Promise<void>,
    private readonly failsTogether: (error: unknown) => boolean,
  ) {}

  add(item: Item): void {
    this.pending.push(item);
    if (this.pending.length === 1) this.startLinger();
    this.flushWhatIsDue();
  }

  private startLinger(): void {
    this.lingerOver = false;
    clearTimeout(this.lingerTimer);
    this.lingerTimer = setTimeout(() => {
      this.lingerOver = true;
      this.flushWhatIsDue();
    }, this.settings.lingerMs);
  }

  private flushWhatIsDue(): void {
    while (
      this.running < this.settings.maxInFlight &&
      this.pending.length > 0 &&
      (this.lingerOver || this.pending.length >= this.settings.size)
    ) {
      const batch = this.pending.splice(0, this.settings.size);
      // Whatever is left waited behind a full batch: it goes as soon as a slot frees.
      if (this.pending.length === 0) {
        clearTimeout(this.lingerTimer);
        this.lingerOver = false;
      }
      this.running += 1;
      void this.run(batch).finally(() => {
        this.running -= 1;
        this.flushWhatIsDue();
      });
    }
  }

  private async run(batch: Item[]): Promise<void> {
    try {
      await this.apply(batch);
      for (const item of batch) item.complete();
      return;
    } catch (error) {
      const open = batch.filter((item) => !item.rejected);
      for (const item of batch) if (item.rejected) item.failWith(error);
      if (open.length <= 1 || this.failsTogether(error)) {
        for (const item of open) item.failWith(error);
        return;
      }
      for (const item of open) await this.runAlone(item);
    }
  }

  private async runAlone(item: Item): Promise<void> {
    item.reset();
    try {
      await this.apply([item]);
      item.complete();
    } catch (error) {
      item.failWith(error);
    }
  }
}
