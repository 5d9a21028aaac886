import type { AmqpConnection } from '@golevelup/nestjs-rabbitmq';
import { Logger } from '@nestjs/common';
import type { OutboxStore, ClaimedMessage } from './outbox-store';
import { outboxPublished } from '../messaging-metrics';
import { onOutboxCommitted } from './outbox-signal';

export interface OutboxRelaySettings {
  /** Fallback for rows this process was not told about (written by another replica). */
  pollIntervalMs: number;
  batchSize: number;
  publishTimeoutMs: number;
}

/** Claimed batches whose confirms may be outstanding at once: the next claim overlaps the broker's work. */
const BATCHES_IN_FLIGHT = 2;
const CONFIRMED = Symbol('confirmed');
const NOT_YET = Symbol('no confirm yet');

/**
 * Publishes outbox rows to RabbitMQ with publisher confirms and persistent
 * delivery, marking them sent only after the broker confirmed. It wakes when
 * this process commits outbox rows (outbox-signal.ts), polls as a fallback,
 * and holds no database transaction while it waits on the broker (rows are
 * leased, see OutboxStore).
 *
 * Batches are pipelined: a batch's confirms are awaited while the next batch is
 * claimed and published. Per-aggregate order still holds, because a claim
 * skips any row whose aggregate has an earlier row not yet marked sent, and a
 * row is marked sent only once its own confirm arrived.
 */
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer?: NodeJS.Timeout;
  private unsubscribe?: () => void;
  private draining?: Promise<void>;
  private wakeAgain = false;
  private stopped = false;
  /**
   * Rows the broker confirmed but the database could not mark sent (it was
   * down): marked as soon as it answers again, so they are not published a
   * second time when their lease runs out.
   */
  private readonly confirmedUnmarked = new Set<string>();

  constructor(
    private readonly store: OutboxStore,
    private readonly amqp: AmqpConnection,
    private readonly settings: OutboxRelaySettings,
  ) {}

  /** Returns at once: a database that is down cannot hold up start-up (the poll retries). */
  start(): void {
    this.stopped = false;
    this.unsubscribe = onOutboxCommitted(() => this.wake());
    this.timer = setInterval(() => this.wake(), this.settings.pollIntervalMs);
    this.wake();
  }

  /** Stops waking, then publishes whatever is still pending once more before returning. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true; // wake() ignores commits and polls from here on
    this.unsubscribe?.();
    clearInterval(this.timer);
    await this.draining;
    await this.drain();
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
    const inFlight = new Set<Promise<void>>();
    try {
      do {
        this.wakeAgain = false;
        if (!this.amqp.connected) break; // the poll tries again once the broker is back
        await this.markConfirmedLeftovers();
        const batch = await this.store.claim(this.settings.batchSize);
        if (batch.length > 0) {
          const settled: Promise<void> = this.publish(batch).finally(() =>
            inFlight.delete(settled),
          );
          inFlight.add(settled);
          // Rows waiting behind this batch's aggregates become claimable once it is marked sent.
          this.wakeAgain = true;
        }
        if (inFlight.size >= BATCHES_IN_FLIGHT || (batch.length === 0 && inFlight.size > 0)) {
          await Promise.race(inFlight);
          this.wakeAgain = true;
        }
      } while (this.wakeAgain);
    } catch (error) {
      this.logger.warn(`outbox drain failed, retrying on next poll: ${String(error)}`);
    } finally {
      await Promise.all(inFlight);
    }
  }

  /** Never rejects: whatever was not confirmed is released (or left to its lease) and logged. */
  private async publish(batch: ClaimedMessage[]): Promise<void> {
    try {
      const confirmed = await this.publishConfirmed(batch);
      const sent = batch.filter((_, i) => confirmed[i] === CONFIRMED).map((m) => m.id);
      const failed = batch.filter((_, i) => confirmed[i] !== CONFIRMED).map((m) => m.id);
      await this.store.markSent(sent).catch((error: unknown) => {
        for (const id of sent) this.confirmedUnmarked.add(id);
        throw error;
      });
      outboxPublished.inc(sent.length);
      if (failed.length > 0) {
        await this.store.release(failed);
        const reason = confirmed.find((c) => c !== CONFIRMED);
        this.logger.warn(`${failed.length} outbox message(s) not confirmed: ${String(reason)}`);
      }
    } catch (error) {
      this.logger.warn(`outbox batch not settled, its lease will expire: ${String(error)}`);
    }
  }

  /** Throws (ending this drain) while the database still cannot mark them. */
  private async markConfirmedLeftovers(): Promise<void> {
    if (this.confirmedUnmarked.size === 0) return;
    const ids = [...this.confirmedUnmarked];
    await this.store.markSent(ids);
    for (const id of ids) this.confirmedUnmarked.delete(id);
    outboxPublished.inc(ids.length);
  }

  /**
   * Issues the whole batch in id order on one confirm channel (so the broker
   * sees it in order), then waits for the confirms under ONE timer. Each entry
   * is CONFIRMED, else the reason the message was not confirmed.
   */
  private async publishConfirmed(batch: ClaimedMessage[]): Promise<unknown[]> {
    const outcome: unknown[] = batch.map(() => NOT_YET);
    const confirms = batch.map((message, i) =>
      this.amqp
        .publish(message.exchange, message.routingKey, message.content, {
          persistent: true,
          contentType: 'application/json',
          messageId: message.messageId,
          correlationId: message.correlationId,
          type: message.type,
          timestamp: Math.floor(Date.parse(message.occurredAt) / 1000),
        })
        .then(
          () => (outcome[i] = CONFIRMED),
          (error: unknown) => (outcome[i] = error),
        ),
    );
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.settings.publishTimeoutMs);
    });
    await Promise.race([Promise.all(confirms), timeout]);
    clearTimeout(timer);
    return outcome.map((o) =>
      o === NOT_YET ? new Error(`no confirm within ${this.settings.publishTimeoutMs} ms`) : o,
    );
  }
}
