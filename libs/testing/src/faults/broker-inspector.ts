import { readQueueState } from '@dinner-rush/pipeline-stats';
import { connectToAnyBroker } from '@dinner-rush/messaging';
import type { ChannelModel } from 'amqplib';

export interface QueueState {
  queue: string;
  /** Ready messages (not counting those delivered and still unacked). */
  messages: number;
  consumers: number;
}

/** A message read off a queue without consuming it for good (dead-letter inspection). */
export interface PeekedMessage {
  body: Buffer;
  headers: Record<string, unknown>;
}

/**
 * Reads queue state straight from the broker (queue.declare-ok is live, unlike
 * the management API's sampled statistics; the read is pipeline-stats' own),
 * and peeks, purges and deletes, reconnecting whenever the broker
 * went away in between: the suite keeps one across stops and kills (on a
 * cluster, `url` lists the nodes and the next one that answers is used).
 */
export class BrokerInspector {
  private connection?: ChannelModel;

  constructor(private readonly url: string) {}

  async queueState(queue: string): Promise<QueueState> {
    const state = await readQueueState(await this.connected(), queue);
    if (!state) throw new Error(`queue ${queue} does not exist`);
    return { queue, ...state };
  }

  /**
   * Every message in `queue`, read and then returned to it (nacked with
   * requeue in one go at the end), so a later look sees the same messages.
   */
  async peekAll(queue: string): Promise<PeekedMessage[]> {
    const channel = await (await this.connected()).createChannel();
    const seen: PeekedMessage[] = [];
    try {
      for (;;) {
        const msg = await channel.get(queue, { noAck: false });
        if (!msg) break;
        seen.push({ body: msg.content, headers: msg.properties.headers ?? {} });
      }
      channel.nackAll(true);
      return seen;
    } finally {
      await channel.close().catch(() => undefined);
    }
  }

  /** Empties a queue (between cases, so each case's dead letters are its own). */
  async purge(queue: string): Promise<void> {
    const channel = await (await this.connected()).createChannel();
    try {
      await channel.purgeQueue(queue);
    } finally {
      await channel.close().catch(() => undefined);
    }
  }

  /** Deletes a queue: its consumers get a cancel from the server (basic.cancel). */
  async deleteQueue(queue: string): Promise<void> {
    const channel = await (await this.connected()).createChannel();
    try {
      await channel.deleteQueue(queue);
    } finally {
      await channel.close().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    await this.connection?.close().catch(() => undefined);
    this.connection = undefined;
  }

  private async connected(): Promise<ChannelModel> {
    if (this.connection) return this.connection;
    const connection = await connectToAnyBroker(this.url, { timeoutMs: 3_000, heartbeatS: 2 });
    const forget = () => {
      if (this.connection === connection) this.connection = undefined;
    };
    connection.on('close', forget);
    connection.on('error', forget);
    this.connection = connection;
    return connection;
  }
}
