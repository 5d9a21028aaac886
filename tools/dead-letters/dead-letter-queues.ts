import { DeadLetterHeaders, publishCopy, withoutHeaders } from '@dinner-rush/messaging';
import type { Channel, ConfirmChannel, GetMessage } from 'amqplib';

/**
 * Inspecting and re-driving a service's dead-letter queues (`npm run dlq`).
 * A dead-letter queue is `<work queue>.dlq` (libs/contracts consumerQueue), so
 * its work queue is its name without the suffix; replay publishes each message
 * back to that queue through the default exchange, broker-confirmed, and only
 * then removes it from the dead-letter queue (a crash in between leaves a
 * duplicate, which the consumer's inbox absorbs, never a loss).
 */
export const DLQ_SUFFIX = '.dlq';

/** Headers the failure policy adds when it gives up; a replayed message starts afresh without them. */
const FAILURE_HEADERS = [
  DeadLetterHeaders.reason,
  DeadLetterHeaders.error,
  DeadLetterHeaders.attempts,
  DeadLetterHeaders.failedAt,
  DeadLetterHeaders.retries,
  DeadLetterHeaders.lastError,
];

export interface DeadLetterEntry {
  queue: string;
  messageId: string | null;
  type: string | null;
  reason: string;
  error: string;
  attempts: number | null;
  failedAt: string | null;
  originalRoutingKey: string | null;
  bytes: number;
}

export function workQueueOf(deadLetterQueue: string): string {
  if (!deadLetterQueue.endsWith(DLQ_SUFFIX)) {
    throw new Error(`${deadLetterQueue} is not a dead-letter queue (no ${DLQ_SUFFIX} suffix)`);
  }
  return deadLetterQueue.slice(0, -DLQ_SUFFIX.length);
}

/** The dead-letter queues of one service, from the names the broker has. */
export function deadLetterQueuesOf(service: string, queueNames: readonly string[]): string[] {
  return queueNames.filter((q) => q.startsWith(`${service}.`) && q.endsWith(DLQ_SUFFIX)).sort();
}

/**
 * Reads up to `limit` messages without removing them: each is taken unacked and
 * all are returned to the queue when done (closing the channel would too).
 */
export async function peekDeadLetters(
  channel: Channel,
  queue: string,
  limit: number,
): Promise<DeadLetterEntry[]> {
  const entries: DeadLetterEntry[] = [];
  try {
    for (let i = 0; i < limit; i++) {
      const msg = await channel.get(queue, { noAck: false });
      if (!msg) break;
      entries.push(describe(queue, msg));
    }
  } finally {
    channel.nackAll(true);
  }
  return entries;
}

export interface ReplayOptions {
  /** Only messages with this messageId (envelope or AMQP property); the rest stay. */
  messageId?: string;
  limit?: number;
}

/** Moves dead letters back to their work queue; returns how many moved. */
export async function replayDeadLetters(
  channel: ConfirmChannel,
  queue: string,
  options: ReplayOptions = {},
): Promise<number> {
  const target = workQueueOf(queue);
  // Only what is there now: a message that fails again and comes back is not re-driven twice.
  const { messageCount } = await channel.checkQueue(queue);
  const limit = Math.min(messageCount, options.limit ?? Number.POSITIVE_INFINITY);
  let moved = 0;
  const skipped: GetMessage[] = [];
  try {
    for (let seen = 0; seen < messageCount && moved < limit; seen++) {
      const msg = await channel.get(queue, { noAck: false });
      if (!msg) break;
      if (options.messageId && describe(queue, msg).messageId !== options.messageId) {
        skipped.push(msg);
        continue;
      }
      await publishBack(channel, target, msg);
      channel.ack(msg);
      moved++;
    }
  } finally {
    for (const msg of skipped) channel.nack(msg, false, true);
  }
  return moved;
}

function publishBack(channel: ConfirmChannel, queue: string, msg: GetMessage): Promise<void> {
  const headers = (msg.properties.headers ?? {}) as Record<string, unknown>;
  return publishCopy(channel, '', queue, msg, {
    ...withoutHeaders(headers, FAILURE_HEADERS),
    'x-replayed-at': new Date().toISOString(),
    'x-replay-count': Number(headers['x-replay-count'] ?? 0) + 1,
  });
}

function describe(queue: string, msg: GetMessage): DeadLetterEntry {
  const headers = (msg.properties.headers ?? {}) as Record<string, unknown>;
  const envelope = parseEnvelope(msg.content);
  const text = (value: unknown): string | null => {
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    if (Buffer.isBuffer(value)) return value.toString('utf8');
    return null;
  };
  return {
    queue,
    messageId: envelope?.messageId ?? text(msg.properties.messageId),
    type: envelope?.type ?? text(msg.properties.type),
    reason:
      text(headers[DeadLetterHeaders.reason]) ?? text(headers['x-first-death-reason']) ?? 'unknown',
    error: text(headers[DeadLetterHeaders.error]) ?? '',
    attempts:
      headers[DeadLetterHeaders.attempts] === undefined
        ? null
        : Number(headers[DeadLetterHeaders.attempts]),
    failedAt: text(headers[DeadLetterHeaders.failedAt]),
    originalRoutingKey:
      text(headers[DeadLetterHeaders.originalRoutingKey]) ?? msg.fields.routingKey,
    bytes: msg.content.length,
  };
}

function parseEnvelope(content: Buffer): { messageId?: string; type?: string } | undefined {
  if (content.length > 1_000_000) return undefined;
  try {
    const parsed: unknown = JSON.parse(content.toString('utf8'));
    if (!parsed || typeof parsed !== 'object') return undefined;
    const { messageId, type } = parsed as Record<string, unknown>;
    return {
      ...(typeof messageId === 'string' ? { messageId } : {}),
      ...(typeof type === 'string' ? { type } : {}),
    };
  } catch {
    return undefined;
  }
}
