import { randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { AmqpConnection } from '@golevelup/nestjs-rabbitmq';
import { RPC_REPLY_EXCHANGE, replyQueueName } from '@dinner-rush/contracts';
import type { Channel, ConsumeMessage } from 'amqplib';

type ChannelWrapper = ReturnType<AmqpConnection['managedConnection']['createChannel']>;

/** How long a refused reply-queue setup waits before a fresh channel tries again. */
const SETUP_RETRY_MS = 1_000;

/**
 * One asking process's reply queue and the requests still waiting on it.
 * Exclusive: it lives exactly as long as the connection that declared it, so
 * an asker that crashed leaves nothing behind, and a reply to it is simply
 * unroutable. Declared again under the same name on every reconnect, on a
 * channel of its own: a refused declare (stale broker definitions without the
 * reply exchange) closes that channel only, never the one the outbox publishes
 * on. Requests are sent only while it is `listening`, so no reply can arrive
 * before its queue exists.
 */
export class RpcReplyQueue {
  readonly name: string;
  private readonly logger = new Logger(RpcReplyQueue.name);
  private readonly waiting = new Map<string, (reply: ConsumeMessage | undefined) => void>();
  /** Replies that found nobody waiting (late, after their asker gave up): dropped. */
  private dropped = 0;
  private consuming = false;
  private detached = false;
  private channel?: ChannelWrapper;
  private retry?: NodeJS.Timeout;

  constructor(service: string) {
    this.name = replyQueueName(service, randomBytes(8).toString('hex'));
  }

  attach(amqp: AmqpConnection): void {
    this.detached = false;
    this.open(amqp);
  }

  async detach(): Promise<void> {
    this.detached = true;
    this.consuming = false;
    clearTimeout(this.retry);
    await this.channel?.close();
  }

  private open(amqp: AmqpConnection): void {
    const channel = amqp.managedConnection.createChannel({
      name: this.name,
      confirm: false,
      setup: async (raw: Channel) => {
        this.consuming = false;
        // A refused bind closes this channel with an 'error' event; with no listener on the
        // amqplib channel itself, amqplib escalates it to the whole connection (the outbox's
        // channel with it). The wrapper reports the failure below, and it is retried there.
        raw.on('error', () => undefined);
        await raw.assertQueue(this.name, { exclusive: true, autoDelete: true, durable: false });
        await raw.bindQueue(this.name, RPC_REPLY_EXCHANGE, this.name);
        await raw.consume(this.name, (reply) => reply && this.deliver(reply), { noAck: true });
        this.consuming = true;
      },
    });
    this.channel = channel;
    channel.on('error', (error: Error) => {
      this.logger.warn(`reply queue ${this.name} not ready, quotes fall back: ${error.message}`);
      this.retryLater(amqp, channel);
    });
  }

  /**
   * The connection manager re-runs a channel's setup only after the whole
   * connection reconnects; a setup refused on a healthy connection (the reply
   * exchange not declared yet at start-up, or stale definitions) would leave
   * the queue unheard for good. A fresh channel is tried after a pause instead.
   */
  private retryLater(amqp: AmqpConnection, failed: ChannelWrapper): void {
    if (this.detached || this.retry !== undefined) return;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      if (this.detached || this.channel !== failed) return;
      void failed.close().catch(() => undefined);
      this.open(amqp);
    }, SETUP_RETRY_MS);
    this.retry.unref();
  }

  /** Bound and consumed on the current connection: a request sent now can be answered. */
  get listening(): boolean {
    return this.consuming;
  }

  /**
   * Resolves with the reply carrying `correlationId`, or undefined once
   * `timeoutMs` have passed or the request was withdrawn. Registered before
   * the request is sent, so even an instant reply finds its waiter.
   */
  expect(correlationId: string, timeoutMs: number): Promise<ConsumeMessage | undefined> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.settle(correlationId, undefined), timeoutMs);
      this.waiting.set(correlationId, (reply) => {
        clearTimeout(timer);
        resolve(reply);
      });
    });
  }

  /** Stops waiting (the request could not be sent). */
  withdraw(correlationId: string): void {
    this.settle(correlationId, undefined);
  }

  get droppedReplies(): number {
    return this.dropped;
  }

  private deliver(reply: ConsumeMessage): void {
    const correlationId = String(reply.properties.correlationId ?? '');
    if (this.waiting.has(correlationId)) return this.settle(correlationId, reply);
    this.dropped += 1;
    this.logger.debug(`reply ${correlationId} dropped: its asker no longer waits`);
  }

  private settle(correlationId: string, reply: ConsumeMessage | undefined): void {
    const resolve = this.waiting.get(correlationId);
    this.waiting.delete(correlationId);
    resolve?.(reply);
  }
}
