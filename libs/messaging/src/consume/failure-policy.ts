import { Logger } from '@nestjs/common';
import type { Channel, ConfirmChannel, ConsumeMessage } from 'amqplib';
import type { ConsumerQueueNames } from '@dinner-rush/contracts';
import { classifyFailure } from './failure-classification';
import { publishCopy, withoutHeaders } from './message-copy';
import { retryDelayMs, retryRoutingKey } from './retry-schedule';

/** Headers a retried or dead-lettered message carries, so an operator can see why and replay it. */
export const DeadLetterHeaders = {
  reason: 'x-dead-letter-reason',
  error: 'x-dead-letter-error',
  originalExchange: 'x-original-exchange',
  originalRoutingKey: 'x-original-routing-key',
  /** Times the handler failed on this message: its retries plus the final failure. */
  attempts: 'x-attempts',
  failedAt: 'x-failed-at',
  /**
   * Retries already spent through the delay queues, counted by us on each copy.
   * Never derived from the broker's x-delivery-count, whose meaning changed in
   * RabbitMQ 4 (it also counts requeues, and resets on every copy anyway).
   */
  retries: 'x-retries',
  lastError: 'x-last-error',
} as const;

/** Retries for ordinary transient failures before the message is dead-lettered. */
export const DEFAULT_RETRY_LIMIT = 5;

export interface FailurePolicySettings {
  retryLimit: number;
}

type ErrorHandler = (channel: Channel, msg: ConsumeMessage, error: unknown) => Promise<void>;

/**
 * What happens to a message whose handler failed (replacing golevelup's
 * default of requeueing it in place, forever, at the head of the queue):
 * - permanent (not JSON, wrong schema, unknown type): straight to the queue's
 *   dead-letter exchange with the reason;
 * - transient: a copy goes to the next delay queue (1 s, 5 s, 25 s, ...) and
 *   comes back to the work queue when its TTL expires; after `retryLimit`
 *   retries it is dead-lettered with the last error;
 * - database unavailable: retried the same way for as long as the outage lasts.
 * The copy is confirmed by the broker before the original is acked, so a crash
 * in between duplicates the message (the inbox absorbs that), never loses it.
 * The quorum queue's delivery limit still bounds a handler that crashes the process.
 */
export class FailurePolicy {
  private readonly logger = new Logger('FailurePolicy');

  constructor(private readonly settings: FailurePolicySettings) {}

  handlerFor(names: ConsumerQueueNames): ErrorHandler {
    return (channel, msg, error) => this.handle(names, channel as ConfirmChannel, msg, error);
  }

  private async handle(
    names: ConsumerQueueNames,
    channel: ConfirmChannel,
    msg: ConsumeMessage,
    error: unknown,
  ): Promise<void> {
    const move = this.decide(names, msg, error);
    const { messageId, correlationId } = msg.properties as {
      messageId?: string;
      correlationId?: string;
    };
    // Fields, not text: a log search finds every move of one message or one order.
    this.logger.warn({ msg: move.log, messageId, correlationId });
    try {
      await publishCopy(channel, move.exchange, move.routingKey, msg, move.headers);
      channel.ack(msg);
    } catch (publishError) {
      // The copy was not confirmed (queue full, channel gone): keep the original in the queue.
      this.logger.warn(
        `${names.queue}: could not move failed message (it stays in the queue): ${String(publishError)}`,
      );
      try {
        channel.nack(msg, false, true);
      } catch {
        // The channel is closed: the broker requeues every unacked message itself.
      }
    }
  }

  /** Where the failed message goes next, with the headers that explain why. */
  private decide(names: ConsumerQueueNames, msg: ConsumeMessage, error: unknown): Move {
    const failure = classifyFailure(error);
    const detail = (error instanceof Error ? error.message : String(error)).slice(0, 1_000);
    const headers = (msg.properties.headers ?? {}) as Record<string, unknown>;
    const retries = Number(headers[DeadLetterHeaders.retries] ?? 0);
    const attempts = retries + 1;
    const originalRoutingKey = textHeader(
      headers[DeadLetterHeaders.originalRoutingKey],
      msg.fields.routingKey,
    );
    const kept = {
      ...withoutHeaders(headers),
      [DeadLetterHeaders.originalExchange]:
        headers[DeadLetterHeaders.originalExchange] ?? msg.fields.exchange,
      [DeadLetterHeaders.originalRoutingKey]: originalRoutingKey,
    };

    const retryable =
      failure.kind === 'unavailable' ||
      (failure.kind === 'transient' && retries < this.settings.retryLimit);
    if (retryable) {
      const delayMs = retryDelayMs(retries + 1);
      return {
        exchange: names.retryExchange,
        routingKey: retryRoutingKey(delayMs),
        headers: {
          ...kept,
          [DeadLetterHeaders.retries]: retries + 1,
          [DeadLetterHeaders.lastError]: detail,
        },
        log: `${names.queue}: ${failure.kind} failure (attempt ${attempts}), retry in ${delayMs} ms: ${detail}`,
      };
    }
    return {
      exchange: names.deadLetterExchange,
      routingKey: originalRoutingKey,
      headers: {
        ...kept,
        [DeadLetterHeaders.reason]: failure.reason,
        [DeadLetterHeaders.error]: detail,
        [DeadLetterHeaders.attempts]: attempts,
        [DeadLetterHeaders.failedAt]: new Date().toISOString(),
      },
      log: `${names.queue}: dead-lettering message (${failure.reason}): ${detail}`,
    };
  }
}

/** A header as text (AMQP headers may arrive as strings or buffers). */
function textHeader(value: unknown, fallback: string): string {
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  return fallback;
}

interface Move {
  exchange: string;
  routingKey: string;
  headers: Record<string, unknown>;
  log: string;
}
