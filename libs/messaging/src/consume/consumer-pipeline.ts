import type { Envelope } from '@dinner-rush/contracts';
import type { BatchOutcome } from './batch/batch-message';
import { MessageBatcher, type ApplyBatch, type BatchSettings } from './batch/message-batcher';
import type { BatchConsumer } from './consume-batches';
import type { ConsumerPace } from './consumer-control.pace';
import { simulateWork } from './simulate-work';
import { tracedBatch } from '../tracing/batch-span';

/**
 * The path of one message from a batch consumer's queue (or from POST /events)
 * to its batch: validated alone, then the consumer's pace (WORK_TIME_MS,
 * waited per message as before batching, so PREFETCH ÷ WORK_TIME_MS is still
 * the pace), then into the batch. Settles with the message's own outcome.
 */
export class ConsumerPipeline {
  private readonly batcher: MessageBatcher<Envelope>;

  constructor(
    readonly consumer: BatchConsumer,
    apply: ApplyBatch<Envelope>,
    private readonly pace: ConsumerPace,
    settings: BatchSettings,
  ) {
    this.batcher = new MessageBatcher(settings, tracedBatch(consumer.queue.queue, apply));
  }

  async handle(raw: unknown): Promise<BatchOutcome> {
    const envelope = this.consumer.accepts.parse(raw);
    await simulateWork(this.pace.workTimeMs);
    return this.batcher.add(envelope);
  }
}
