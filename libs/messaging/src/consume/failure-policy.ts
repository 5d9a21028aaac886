import { Logger } from '@nestjs/common';
import type { Channel, ConfirmChannel, ConsumeMessage } from 'amqplib';
import type { ConsumerQueueNames } from '@dinner-rush/contracts';
import { PermanentMessageError } from './permanent-message-error';

/** Headers a dead-lettered message carries, so an operator can see why and replay it. */
export const DeadLetterHeaders = {
  reason: 'x-dead-letter-reason',
  error: 'x-dead-letter-error',
  originalExchange: 'x-original-exchange',
  originalRoutingKey: 'x-original-routing-key',
  attempts: 'x-attempts',
  failedAt: 'x-failed-at',
} as const;

const logger = new Logger('FailurePolicy');
const MAX_BACKOFF_MS = 5_000;

/**
 * The consumer failure policy (replacing golevelup's default of requeueing
 * forever). Permanent failures go straight to the queue's dead-letter exchange
 * with the reason, then are acked. Transient failures are requeued after a
 * short backoff; the quorum queue's delivery limit bounds the attempts, after
 * which the broker dead-letters the message itself.
 */
export function deadLetterOnFailure(names: ConsumerQueueNames) {
  return async (channel: Channel, msg: ConsumeMessage, error: unknown): Promise<void> => {
    const headers = msg.properties.headers;
    const attempts = Number(headers?.['x-delivery-count'] ?? 0) + 1;
    const permanent = error instanceof PermanentMessageError || error instanceof SyntaxError;
    if (!permanent) {
      const backoff = Math.min(100 * 2 ** attempts, MAX_BACKOFF_MS);
      logger.warn(
        `${names.queue}: transient failure (attempt ${attempts}), requeue in ${backoff} ms: ${String(error)}`,
      );
      await new Promise((resolve) => setTimeout(resolve, backoff));
      channel.nack(msg, false, true);
      return;
    }
    const reason = error instanceof PermanentMessageError ? error.code : 'not-json';
    const detail = error instanceof Error ? error.message : String(error);
    logger.warn(`${names.queue}: dead-lettering message (${reason}): ${detail}`);
    await publishConfirmed(channel, names.deadLetterExchange, msg.fields.routingKey, msg.content, {
      ...keptProperties(msg),
      headers: {
        ...msg.properties.headers,
        [DeadLetterHeaders.reason]: reason,
        [DeadLetterHeaders.error]: detail.slice(0, 1_000),
        [DeadLetterHeaders.originalExchange]: msg.fields.exchange,
        [DeadLetterHeaders.originalRoutingKey]: msg.fields.routingKey,
        [DeadLetterHeaders.attempts]: attempts,
        [DeadLetterHeaders.failedAt]: new Date().toISOString(),
      },
    });
    channel.ack(msg);
  };
}

/** The message properties kept when a message moves to the dead-letter queue (amqplib types them `any`). */
interface KeptProperties {
  headers: Record<string, unknown>;
  contentType?: string;
  messageId?: string;
  correlationId?: string;
  type?: string;
  timestamp?: number;
}

function keptProperties(msg: ConsumeMessage): Omit<KeptProperties, 'headers'> {
  const p = msg.properties as Partial<KeptProperties>;
  return {
    contentType: p.contentType,
    messageId: p.messageId,
    correlationId: p.correlationId,
    type: p.type,
    timestamp: p.timestamp,
  };
}

/** Publishes on the consumer's own (confirm) channel and waits for the broker's confirm. */
function publishConfirmed(
  channel: Channel,
  exchange: string,
  routingKey: string,
  content: Buffer,
  options: KeptProperties,
): Promise<void> {
  const publishOptions = { ...options, persistent: true };
  return new Promise((resolve, reject) => {
    (channel as ConfirmChannel).publish(exchange, routingKey, content, publishOptions, (err) =>
      err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(),
    );
  });
}
