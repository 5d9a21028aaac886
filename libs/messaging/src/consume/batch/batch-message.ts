import type { Context } from '@opentelemetry/api';
import type { Envelope, EventData, EventDefinition } from '@dinner-rush/contracts';

/** How a message that left its batch without an error ended. */
export type BatchOutcome = 'applied' | 'duplicate';

/**
 * One validated message inside a batch. Every message the handler leaves alone
 * is acknowledged once the handler returns (its transaction committed); one it
 * rejects leaves the batch on its own and goes through the failure policy
 * (retry or dead-letter) while the others go on.
 */
export interface BatchMessage<E extends Envelope = Envelope> {
  readonly envelope: E;
  /** The trace context the message is handled in (its process span; the root when untraced). */
  readonly context: Context;
  readonly rejected: boolean;
  /** The inbox already had it: a redelivery, nothing changed (counted, then acked). */
  markDuplicate(): void;
  reject(error: unknown): void;
}

/** The messages of a batch that carry `definition`'s event (their data was validated against it). */
export function messagesOfType<TDef extends EventDefinition>(
  batch: readonly BatchMessage[],
  definition: TDef,
): BatchMessage<Envelope<EventData<TDef>>>[] {
  return batch.filter((message) => message.envelope.type === definition.type) as BatchMessage<
    Envelope<EventData<TDef>>
  >[];
}

/** A message waiting in (or running with) a batch, settled once its batch is done. */
export class PendingMessage<E extends Envelope = Envelope> implements BatchMessage<E> {
  readonly settled: Promise<BatchOutcome>;
  private resolve!: (outcome: BatchOutcome) => void;
  private fail!: (error: unknown) => void;
  private duplicate = false;
  private rejection?: { error: unknown };

  constructor(
    readonly envelope: E,
    readonly context: Context,
  ) {
    this.settled = new Promise<BatchOutcome>((resolve, reject) => {
      this.resolve = resolve;
      this.fail = reject;
    });
  }

  get rejected(): boolean {
    return this.rejection !== undefined;
  }

  markDuplicate(): void {
    this.duplicate = true;
  }

  reject(error: unknown): void {
    this.rejection ??= { error };
  }

  /** Before the message is tried again on its own: what its failed batch noted no longer holds. */
  reset(): void {
    this.duplicate = false;
    this.rejection = undefined;
  }

  /** The batch committed: applied or duplicate, unless the handler rejected this one. */
  complete(): void {
    if (this.rejection) this.fail(this.rejection.error);
    else this.resolve(this.duplicate ? 'duplicate' : 'applied');
  }

  failWith(error: unknown): void {
    this.fail(this.rejection?.error ?? error);
  }
}
