import { context } from '@opentelemetry/api';
import type { Envelope } from '@dinner-rush/contracts';
import { classifyFailure } from '../failure-classification';
import { PendingMessage, type BatchMessage, type BatchOutcome } from './batch-message';
import { Batcher, type BatchSettings } from './batcher';

export type { BatchSettings } from './batcher';

export type ApplyBatch<E extends Envelope> = (batch: readonly BatchMessage<E>[]) => Promise<void>;

/**
 * A queue's messages, delivered one by one, applied in batches (see Batcher).
 * Only a database outage fails a whole batch at once: every message would
 * fail alone just the same, and the failure policy retries them.
 */
export class MessageBatcher<E extends Envelope> {
  private readonly batcher: Batcher<PendingMessage<E>>;

  constructor(settings: BatchSettings, apply: ApplyBatch<E>) {
    this.batcher = new Batcher<PendingMessage<E>>(
      settings,
      apply,
      (error) => classifyFailure(error).kind === 'unavailable',
    );
  }

  /** Settles when the message's batch is done: its outcome, or the error that is its alone. */
  add(envelope: E): Promise<BatchOutcome> {
    // The batch runs later, elsewhere: each message keeps the context it arrived in.
    const message = new PendingMessage(envelope, context.active());
    this.batcher.add(message);
    return message.settled;
  }
}
