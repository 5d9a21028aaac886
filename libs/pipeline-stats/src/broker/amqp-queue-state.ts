import type { ChannelModel } from 'amqplib';

/** What a passive queue.declare answers: exact and live, unlike the management API's sampled figures. */
export interface AmqpQueueState {
  /** Ready messages only (delivered-but-unacknowledged ones are not counted). */
  messages: number;
  consumers: number;
}

/**
 * Reads one queue with a passive declare on a channel of its own: a declare of
 * a missing queue closes its channel (404), so each read gets a fresh one and
 * one missing queue never spoils the others. Null when the queue does not exist.
 */
export async function readQueueState(
  connection: ChannelModel,
  queue: string,
): Promise<AmqpQueueState | null> {
  const channel = await connection.createChannel();
  channel.on('error', () => undefined); // the 404 arrives as a channel error too
  try {
    const { messageCount, consumerCount } = await channel.checkQueue(queue);
    return { messages: messageCount, consumers: consumerCount };
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  } finally {
    await channel.close().catch(() => undefined);
  }
}

function isNotFound(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 404;
}
