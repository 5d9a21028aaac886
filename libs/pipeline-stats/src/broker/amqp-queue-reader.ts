import { brokerUrls, connectToAnyBroker } from '@dinner-rush/messaging';
import type { ChannelModel } from 'amqplib';
import { readQueueState, type AmqpQueueState } from './amqp-queue-state';

/** How long opening the connection may take before a read fails (a dashboard must not hang). */
const CONNECT_TIMEOUT_MS = 3_000;
/** A node that stops answering (paused, cut off) is given up on within two of these. */
const HEARTBEAT_S = 5;

/**
 * Depth and consumers of named queues over AMQP, on any RabbitMQ (no plugin
 * needed). One connection, opened on first use and opened again on the next
 * read after the broker dropped it, on the first node of the list that accepts it.
 */
export class AmqpQueueReader {
  private connection?: Promise<ChannelModel>;

  constructor(private readonly url: string) {}

  /** The queues that exist among `names`, each read live. */
  async read(names: readonly string[]): Promise<Map<string, AmqpQueueState>> {
    const connection = await this.connected();
    const states = await Promise.all(names.map((name) => readQueueState(connection, name)));
    const found = new Map<string, AmqpQueueState>();
    states.forEach((state, i) => {
      if (state) found.set(names[i] as string, state);
    });
    return found;
  }

  async close(): Promise<void> {
    const connection = await this.connection?.catch(() => undefined);
    this.connection = undefined;
    await connection?.close().catch(() => undefined);
  }

  private connected(): Promise<ChannelModel> {
    if (!this.connection) {
      const opening = connectToAnyBroker(this.url, {
        timeoutMs: CONNECT_TIMEOUT_MS,
        heartbeatS: HEARTBEAT_S,
      }).then((connection) => {
        const forget = () => {
          if (this.connection === opening) this.connection = undefined;
        };
        connection.on('close', forget);
        connection.on('error', forget);
        return connection;
      });
      opening.catch(() => {
        if (this.connection === opening) this.connection = undefined;
      });
      this.connection = opening;
    }
    return this.connection;
  }
}

/**
 * The AMQP URL (or a cluster's comma-separated list) for `vhost`: a URL that
 * names a vhost in its path keeps it (the services' RABBITMQ_URL does); one
 * without a path gets `vhost`.
 */
export function amqpUrlForVhost(amqpUrls: string, vhost: string): string {
  return brokerUrls(amqpUrls)
    .map((amqpUrl) => {
      const url = new URL(amqpUrl);
      if (url.pathname.length > 1) return amqpUrl;
      url.pathname = `/${encodeURIComponent(vhost)}`;
      return url.toString();
    })
    .join(',');
}
