import { Logger } from '@nestjs/common';
import { connect, type AmqpConnectionManager, type ChannelWrapper } from 'amqp-connection-manager';
import type { Channel, Options } from 'amqplib';
import { brokerUrls } from '../broker/broker-urls';
import { outboxConnectionResets } from '../messaging-metrics';
import { CONNECTION_MANAGER_OPTIONS } from '../topology/rabbit-config';
import { ReturnedMessages } from './returned-messages';
import { settlesWithin } from './settles-within';

/** A publish the broker has not settled after this long is forgotten (its row was released long before). */
const LATE_CONFIRM_WINDOW_MS = 120_000;
/**
 * Publishes outstanding and not one ack or nack for this long: the channel is
 * taken for stuck. Longer than a quorum queue's own failover (a channel that
 * was publishing when a leader froze resumes after about 7 s), so a channel
 * that would recover by itself is not replaced by one that would not.
 */
const SILENCE_MS = 15_000;
/** At most one reset this often: a broker that nacks every channel must not make it churn. */
const RESET_AT_MOST_EVERY_MS = 5_000;
const WATCH_EVERY_MS = 1_000;
/** How long a graceful close at shutdown may take before the socket is simply dropped. */
const CLOSE_TIMEOUT_MS = 5_000;

/** Since the last reset: what the connection still owes. */
interface Current {
  /** Sent, neither acked nor nacked yet. */
  outstanding: number;
  /** Since when it has been quiet: reset, last ack or nack, or first publish after none were owed. */
  quietSince: number;
}

/** amqplib's connection, as far as dropping its socket goes. */
interface DroppableConnection {
  connection?: { stream?: { destroy(error?: Error): void } };
}

export type OpenConnectionManager = typeof connect;

/**
 * The outbox relay's own connection to the broker, and its confirm channel.
 *
 * Its own, apart from the connection the service consumes on, for two reasons.
 * RabbitMQ throttles a publishing connection as a whole (credit flow): one
 * channel the broker cannot serve stops the connection's every frame, acks of
 * the consumers included. And on a cluster such a channel exists: in RabbitMQ
 * 3.10 a channel's first publish to a quorum queue waits on a synchronous call
 * to the queue's leader, so with the leader's node frozen it waits until that
 * node is declared down (about a minute), and a channel that came too early
 * after a leader's loss gets only nacks, for good (docs/cluster.md). A fresh
 * channel on a fresh connection is served at once once the cluster has
 * settled; a fresh channel on the throttled connection is not even read.
 *
 * So the connection is reset (its socket dropped, then reconnected to the next
 * node of the list) when the broker nacks a publish, when publishes get no
 * answer at all for SILENCE_MS, or when the broker closes the channel. A nack
 * often comes later than the relay waits for a confirm (the relay has released
 * the rows by then), so publishes keep listening for LATE_CONFIRM_WINDOW_MS.
 *
 * Messages returned as unroutable are recorded on every channel it opens.
 */
export class RelayConnection {
  readonly returned: ReturnedMessages;
  private readonly logger = new Logger(RelayConnection.name);
  private readonly manager: AmqpConnectionManager;
  private readonly channel: ChannelWrapper;
  private current: Current = { outstanding: 0, quietSince: Date.now() };
  private lastResetAt = 0;
  private resetTimer?: NodeJS.Timeout;
  private readonly watch: NodeJS.Timeout;
  private closed = false;

  /**
   * `rabbitmqUrl`: the service's RABBITMQ_URL (one node or a cluster's).
   * `mayFindNoQueue`: routing keys whose messages may go unheard, because
   * another copy carries the same fact (see ReturnedMessages).
   */
  constructor(
    rabbitmqUrl: string,
    mayFindNoQueue: ReadonlySet<string> = new Set(),
    open: OpenConnectionManager = connect,
  ) {
    this.returned = new ReturnedMessages(mayFindNoQueue);
    this.manager = open(brokerUrls(rabbitmqUrl), CONNECTION_MANAGER_OPTIONS);
    this.manager.on('disconnect', ({ err }: { err?: Error }) => {
      if (!this.closed) this.logger.warn(`outbox connection lost: ${err?.message ?? 'closed'}`);
    });
    this.channel = this.manager.createChannel({
      name: 'outbox-relay',
      confirm: true,
      setup: (raw: Channel) => {
        this.returned.listen(raw);
        // The broker closed the channel while the connection stays up: the connection manager
        // would wait for a reconnect that never comes. With this listener amqplib does not take
        // the connection down by itself either.
        raw.on('error', (error: Error) =>
          this.reset(`the broker closed its channel: ${error.message}`),
        );
      },
    });
    // Setup failures and worker errors; without a listener an EventEmitter 'error' throws.
    this.channel.on('error', (error: Error) => {
      this.logger.warn(`outbox channel: ${error.message}`);
    });
    this.watch = setInterval(() => this.checkSilence(), WATCH_EVERY_MS);
    this.watch.unref();
  }

  get connected(): boolean {
    return this.manager.isConnected();
  }

  /** Resolves once the channel is open: for tools and tests that publish at once. */
  async waitForConnect(): Promise<void> {
    await this.channel.waitForConnect();
  }

  /**
   * Resolves on the broker's ack, rejects on its nack (or a close). The caller
   * bounds its own wait; this promise may settle much later, and a late nack
   * still resets the connection.
   */
  publish(
    exchange: string,
    routingKey: string,
    content: Buffer,
    options: Options.Publish,
  ): Promise<void> {
    const sentIn = this.current;
    if (sentIn.outstanding === 0) sentIn.quietSince = Date.now();
    sentIn.outstanding++;
    // `timeout` is amqp-connection-manager's: how long the message may wait in its buffer and for its confirm.
    const withWindow = { ...options, timeout: LATE_CONFIRM_WINDOW_MS };
    return this.channel.publish(exchange, routingKey, content, withWindow).then(
      () => this.settled(sentIn, true),
      (error: unknown) => {
        const nacked = isNack(error);
        this.settled(sentIn, nacked);
        if (nacked && sentIn === this.current) this.reset('the broker nacked a publish');
        throw error;
      },
    );
  }

  /** Graceful, within CLOSE_TIMEOUT_MS; a broker that does not answer gets its socket dropped. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.resetTimer);
    clearInterval(this.watch);
    if (!(await settlesWithin(this.manager.close(), CLOSE_TIMEOUT_MS))) this.dropSocket();
  }

  /** `answered`: the broker acked or nacked it (not a close, not the late window running out). */
  private settled(sentIn: Current, answered: boolean): void {
    sentIn.outstanding--;
    if (answered) sentIn.quietSince = Date.now();
  }

  private checkSilence(): void {
    const { outstanding, quietSince } = this.current;
    const quietMs = Date.now() - quietSince;
    if (outstanding > 0 && quietMs >= SILENCE_MS && this.connected) {
      this.reset(`${outstanding} publish(es) and no confirm for ${Math.round(quietMs / 1000)} s`);
    }
  }

  private reset(why: string): void {
    if (this.closed || this.resetTimer) return;
    const wait = Math.max(0, this.lastResetAt + RESET_AT_MOST_EVERY_MS - Date.now());
    this.resetTimer = setTimeout(() => {
      this.resetTimer = undefined;
      if (this.closed) return;
      this.lastResetAt = Date.now();
      this.current = { outstanding: 0, quietSince: Date.now() };
      this.logger.warn(`reconnecting the outbox relay: ${why}`);
      outboxConnectionResets.inc();
      // Not a graceful close: a throttled connection never reads the close frame. The manager
      // reconnects (to the next node) and reopens the channel; what was unconfirmed fails now.
      this.dropSocket();
    }, wait);
    this.resetTimer.unref();
  }

  private dropSocket(): void {
    const model = this.manager.connection as DroppableConnection | undefined;
    model?.connection?.stream?.destroy(new Error('outbox relay connection reset'));
  }
}

/** amqplib rejects a nacked publish with exactly this message. */
function isNack(error: unknown): boolean {
  return error instanceof Error && error.message === 'message nacked';
}
