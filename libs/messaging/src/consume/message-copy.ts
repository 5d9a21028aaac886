import type { ConfirmChannel, Message } from 'amqplib';

/**
 * Moving a message elsewhere (a delay queue, a dead-letter queue, back to its
 * work queue from a dead-letter queue) means publishing a copy, confirmed by
 * the broker, before the original is acked: a crash in between leaves a
 * duplicate, which the consumer's inbox absorbs, never a loss.
 */

/**
 * The broker's own bookkeeping, dropped from a copy: x-death grows with every
 * pass through a delay queue; x-delivery-count belongs to the previous copy.
 */
const BROKER_HEADERS = [
  'x-death',
  'x-first-death-exchange',
  'x-first-death-queue',
  'x-first-death-reason',
  'x-delivery-count',
];

/** `headers` without the broker's bookkeeping and without `drop`. */
export function withoutHeaders(
  headers: Record<string, unknown>,
  drop: readonly string[] = [],
): Record<string, unknown> {
  const kept = { ...headers };
  for (const key of [...BROKER_HEADERS, ...drop]) delete kept[key];
  return kept;
}

/** The message properties kept on the copy (amqplib types them `any`). */
interface KeptProperties {
  contentType?: string;
  messageId?: string;
  correlationId?: string;
  type?: string;
  timestamp?: number;
}

/** Publishes a persistent copy of `msg` with `headers` and waits for the broker's confirm. */
export function publishCopy(
  channel: ConfirmChannel,
  exchange: string,
  routingKey: string,
  msg: Message,
  headers: Record<string, unknown>,
): Promise<void> {
  const p = msg.properties as KeptProperties;
  const options = {
    contentType: p.contentType,
    messageId: p.messageId,
    correlationId: p.correlationId,
    type: p.type,
    timestamp: p.timestamp,
    headers,
    persistent: true,
  };
  return new Promise((resolve, reject) => {
    channel.publish(exchange, routingKey, msg.content, options, (err) =>
      err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(),
    );
  });
}
