import type { AmqpConnection } from '@golevelup/nestjs-rabbitmq';
import { Logger } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import type { OutboxStore, ClaimedMessage } from './outbox-store';

export interface OutboxRelaySettings {
  /** LISTEN channel the outbox insert trigger notifies (`<schema>_outbox`). */
  notifyChannel: string;
  pollIntervalMs: number;
  batchSize: number;
  publishTimeoutMs: number;
}

/**
 * Publishes outbox rows to RabbitMQ with publisher confirms and persistent
 * delivery, marking them sent only after the broker confirmed. It wakes on
 * LISTEN/NOTIFY, polls as a fallback, and holds no database transaction while
 * it waits on the broker (rows are leased, see OutboxStore).
 */
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private listener?: PoolClient;
  private timer?: NodeJS.Timeout;
  private draining?: Promise<void>;
  private wakeAgain = false;
  private stopped = false;

  constructor(
    private readonly store: OutboxStore,
    private readonly pool: Pool,
    private readonly amqp: AmqpConnection,
    private readonly settings: OutboxRelaySettings,
  ) {}

  /** Returns at once: LISTEN is set up by the first drain, so a database that is down cannot hold up start-up. */
  start(): void {
    this.stopped = false;
    this.timer = setInterval(() => this.wake(), this.settings.pollIntervalMs);
    this.wake();
  }

  /** Stops waking, then publishes whatever is still pending once more before returning. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true; // wake() ignores notifications and polls from here on
    clearInterval(this.timer);
    await this.draining;
    await this.drain();
    this.listener?.release();
    this.listener = undefined;
  }

  /** Starts a drain, or asks the running one to go round once more. */
  wake(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.wakeAgain = true;
      return;
    }
    this.draining = this.drain().finally(() => {
      this.draining = undefined;
    });
  }

  private async drain(): Promise<void> {
    try {
      do {
        this.wakeAgain = false;
        if (!this.listener) await this.listen();
        if (!this.amqp.connected) return; // the poll tries again once the broker is back
        const batch = await this.store.claim(this.settings.batchSize);
        if (batch.length === 0) continue;
        await this.publish(batch);
        if (batch.length === this.settings.batchSize) this.wakeAgain = true;
      } while (this.wakeAgain);
    } catch (error) {
      this.logger.warn(`outbox drain failed, retrying on next poll: ${String(error)}`);
    }
  }

  private async publish(batch: ClaimedMessage[]): Promise<void> {
    // Issued in id order on one confirm channel, so the broker sees them in order.
    const results = await Promise.allSettled(batch.map((message) => this.publishOne(message)));
    const sent = batch.filter((_, i) => results[i]?.status === 'fulfilled').map((m) => m.id);
    const failed = batch.filter((_, i) => results[i]?.status === 'rejected').map((m) => m.id);
    await this.store.markSent(sent);
    if (failed.length > 0) {
      await this.store.release(failed);
      const reason = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      this.logger.warn(
        `${failed.length} outbox message(s) not confirmed: ${String(reason.reason)}`,
      );
    }
  }

  private async publishOne({ exchange, routingKey, envelope }: ClaimedMessage): Promise<void> {
    const confirmed = this.amqp.publish(exchange, routingKey, envelope, {
      persistent: true,
      contentType: 'application/json',
      messageId: envelope.messageId,
      correlationId: envelope.correlationId,
      type: envelope.type,
      timestamp: Math.floor(Date.parse(envelope.occurredAt) / 1000),
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no confirm within ${this.settings.publishTimeoutMs} ms`)),
        this.settings.publishTimeoutMs,
      );
    });
    try {
      await Promise.race([confirmed, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async listen(): Promise<void> {
    try {
      const client = await this.pool.connect();
      client.on('notification', () => this.wake());
      client.on('error', (error) => {
        this.logger.warn(`outbox LISTEN connection lost (${error.message}); polling meanwhile`);
        client.release(error);
        this.listener = undefined;
      });
      await client.query(`LISTEN "${this.settings.notifyChannel}"`);
      this.listener = client;
    } catch (error) {
      this.logger.warn(`outbox LISTEN unavailable, polling only: ${String(error)}`);
    }
  }
}
