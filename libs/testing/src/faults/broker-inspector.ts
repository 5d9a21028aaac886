import { readQueueState } from '@dinner-rush/pipeline-stats';
import { brokerUrls, connectToAnyBroker } from '@dinner-rush/messaging';
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

/** Longest one look at the broker may take before its connection is given up on. */
const CHECK_TIMEOUT_MS = 5_000;
const CONNECT_TIMEOUT_MS = 3_000;

/**
 * Reads queue state straight from the broker (queue.declare-ok is live, unlike
 * the management API's sampled statistics; the read is pipeline-stats' own),
 * and peeks, purges and deletes, reconnecting whenever the broker
 * went away in between: the suite keeps one across stops and kills.
 *
 * On a cluster (`url` lists the nodes) a node can also freeze (SIGSTOP, a
 * partition): it closes nothing and answers nothing, so a look through it, or
 * at a queue it led, would wait until heartbeats or Erlang give up, and the
 * case's own wait would time out on the probe rather than on the pipeline. So
 * every look has CHECK_TIMEOUT_MS; one that fails or runs out drops its
 * connection (without waiting for it to close) and the next look connects
 * starting from the following node, so the looks rotate over the nodes that
 * still answer.
 */
export class BrokerInspector {
  private connection?: ChannelModel;
  private connecting?: Promise<ChannelModel>;
  /** Index into the node list where the next connect starts. */
  private firstNode = 0;

  constructor(private readonly url: string) {}

  async queueState(queue: string): Promise<QueueState> {
    const state = await this.look((connection) => readQueueState(connection, queue));
    if (!state) throw new Error(`queue ${queue} does not exist`);
    return { queue, ...state };
  }

  /**
   * Every message in `queue`, read and then returned to it (nacked with
   * requeue in one go at the end), so a later look sees the same messages.
   */
  async peekAll(queue: string): Promise<PeekedMessage[]> {
    const channel = await this.look((connection) => connection.createChannel());
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
    const channel = await this.look((connection) => connection.createChannel());
    try {
      await channel.purgeQueue(queue);
    } finally {
      await channel.close().catch(() => undefined);
    }
  }

  /** Deletes a queue: its consumers get a cancel from the server (basic.cancel). */
  async deleteQueue(queue: string): Promise<void> {
    const channel = await this.look((connection) => connection.createChannel());
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

  /**
   * `read` on the current connection within CHECK_TIMEOUT_MS; if it fails or
   * runs out, the connection is dropped and the next connect starts one node on.
   */
  private async look<T>(read: (connection: ChannelModel) => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer from the broker within ${CHECK_TIMEOUT_MS} ms`)),
        CHECK_TIMEOUT_MS,
      );
    });
    let connection: ChannelModel | undefined;
    try {
      return await Promise.race([
        this.connected().then((opened) => read((connection = opened))),
        timeout,
      ]);
    } catch (error) {
      this.drop(connection);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Forgets a connection that failed a look (unless already replaced) and moves on a node. */
  private drop(connection: ChannelModel | undefined): void {
    this.firstNode++;
    if (!connection || this.connection !== connection) return;
    this.connection = undefined;
    // Not awaited: a frozen node never answers connection.close.
    connection.close().catch(() => undefined);
  }

  /** One connect at a time: looks made side by side share it. */
  private connected(): Promise<ChannelModel> {
    if (this.connection) return Promise.resolve(this.connection);
    this.connecting ??= this.connect().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async connect(): Promise<ChannelModel> {
    const nodes = brokerUrls(this.url);
    const start = this.firstNode % nodes.length;
    const rotated = [...nodes.slice(start), ...nodes.slice(0, start)].join(',');
    const connection = await connectToAnyBroker(rotated, {
      timeoutMs: CONNECT_TIMEOUT_MS,
      heartbeatS: 2,
    });
    const forget = () => {
      if (this.connection === connection) this.connection = undefined;
    };
    connection.on('close', forget);
    connection.on('error', forget);
    this.connection = connection;
    return connection;
  }
}
