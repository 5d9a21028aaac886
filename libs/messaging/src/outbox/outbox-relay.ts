import { Logger } from '@nestjs/common';
import { outboxPublished } from '../messaging-metrics';
import type { OutboxEntry } from './outbox-entry';
import { publishConfirmed } from './outbox-publisher';
import type { RelayConnection } from './relay-connection';
import type { CommittedOutbox } from './outbox-signal';
import type { OutboxStore } from './outbox-store';

export interface OutboxRelaySettings {
  /** How often rows no writer is publishing (left behind, released, left free) are looked for. */
  pollIntervalMs: number;
  /** Most rows one claim takes. */
  batchSize: number;
  publishTimeoutMs: number;
}

/** Sent rows are deleted together: at most this long after their confirm, or this many at once. */
const SWEEP_DELAY_MS = 200;
const SWEEP_MAX_ROWS = 2_000;
/** VACUUM the outbox after this many deletions (or once a minute when there were any). */
const VACUUM_EVERY_ROWS = 20_000;
const VACUUM_EVERY_MS = 60_000;

/**
 * Publishes the service's outbox rows to RabbitMQ with publisher confirms,
 * persistent, and removes each row only after the broker confirmed it.
 *
 * The fast path costs no database round trip: a writer claims its rows at
 * insert and hands them over right after COMMIT (outbox-signal.ts); they are
 * published at once. Confirmed rows are deleted in batches (one statement per
 * SWEEP_DELAY_MS), which keeps the table small. The poll is the safety net: it
 * claims rows whose lease ran out (their writer died), rows released after a
 * failed publish, and rows a writer left free because an earlier row of the
 * same order was still in the outbox. The relay holds no transaction open while
 * it waits on the broker.
 */
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer?: NodeJS.Timeout;
  private sweepTimer?: NodeJS.Timeout;
  private stopped = true;
  private readonly inFlight = new Set<Promise<void>>();
  /** Confirmed, not yet deleted. */
  private toRemove: string[] = [];
  private claimWanted = false;
  private claiming?: Promise<void>;
  private removedSinceVacuum = 0;
  private lastVacuumAt = Date.now();

  constructor(
    private readonly store: OutboxStore,
    private readonly connection: RelayConnection,
    private readonly settings: OutboxRelaySettings,
  ) {}

  /** Returns at once: a database or broker that is down cannot hold up start-up. */
  start(): void {
    this.stopped = false;
    this.timer = setInterval(() => this.poll(), this.settings.pollIntervalMs);
    this.poll();
  }

  /** A writer's transaction committed: publish what it claimed, claim what it left free. */
  committed({ claimed, unclaimed }: CommittedOutbox): void {
    if (claimed.length > 0) this.publish(claimed);
    if (unclaimed > 0) this.claimWanted = true;
  }

  /** Stops polling, waits for publishes in flight, deletes what they confirmed, claims once more. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    clearInterval(this.timer);
    clearTimeout(this.sweepTimer);
    await this.claiming;
    await this.settle();
    // Once more for rows left free; a database or broker that is away leaves them to the next start.
    await this.claimAll().catch((error: unknown) => {
      this.logger.warn(`outbox rows left for the next start: ${String(error)}`);
    });
    await this.settle();
  }

  private publish(entries: readonly OutboxEntry[]): void {
    const done: Promise<void> = this.publishNow(entries).finally(() => this.inFlight.delete(done));
    this.inFlight.add(done);
  }

  private async publishNow(entries: readonly OutboxEntry[]): Promise<void> {
    if (!this.connection.connected) {
      // Back to the poll, which takes them once the broker is back.
      await this.release(
        entries.map((entry) => entry.id),
        'broker not connected',
      );
      return;
    }
    const outcome = await publishConfirmed(
      this.connection,
      entries,
      this.settings.publishTimeoutMs,
    );
    if (outcome.confirmed.length > 0) {
      outboxPublished.inc(outcome.confirmed.length);
      this.toRemove.push(...outcome.confirmed);
      this.scheduleSweep();
    }
    if (outcome.failed.length > 0) await this.release(outcome.failed, outcome.reason);
  }

  private async release(ids: readonly string[], reason: unknown): Promise<void> {
    this.logger.warn(`${ids.length} outbox message(s) not confirmed: ${String(reason)}`);
    // If the database cannot take them back either, their lease simply runs out.
    await this.store.release(ids).catch(() => undefined);
  }

  private scheduleSweep(): void {
    if (this.toRemove.length >= SWEEP_MAX_ROWS) {
      clearTimeout(this.sweepTimer);
      this.sweepTimer = undefined;
      void this.sweep();
      return;
    }
    this.sweepTimer ??= setTimeout(() => {
      this.sweepTimer = undefined;
      void this.sweep();
    }, SWEEP_DELAY_MS);
  }

  /** Deletes confirmed rows; on failure keeps them for the next sweep (their lease covers the wait). */
  private async sweep(): Promise<void> {
    const ids = this.toRemove;
    if (ids.length === 0) return;
    this.toRemove = [];
    try {
      await this.store.removeSent(ids);
      this.removedSinceVacuum += ids.length;
    } catch (error) {
      this.toRemove.push(...ids);
      this.logger.warn(`could not remove ${ids.length} sent outbox row(s): ${String(error)}`);
      return;
    }
    if (this.claimWanted && !this.stopped) this.poll();
  }

  /** Timer and after-sweep entry: one claim cycle at a time, plus housekeeping. */
  private poll(): void {
    if (this.claiming) {
      this.claimWanted = true;
      return;
    }
    this.claiming = this.claimAll()
      .then(() => this.housekeeping())
      .catch((error: unknown) => {
        this.logger.warn(`outbox claim failed, retrying on next poll: ${String(error)}`);
      })
      .finally(() => {
        this.claiming = undefined;
      });
  }

  /** Claims and publishes until a claim comes back short. */
  private async claimAll(): Promise<void> {
    for (;;) {
      this.claimWanted = false;
      if (this.toRemove.length > 0) await this.sweep();
      if (!this.connection.connected) return;
      const batch = await this.store.claim(this.settings.batchSize);
      if (batch.length > 0) this.publish(batch);
      if (batch.length < this.settings.batchSize) {
        if (this.claimWanted) await this.settle();
        if (!this.claimWanted) return;
      } else {
        await this.settle();
      }
    }
  }

  /**
   * Waits for the publishes in flight now, then deletes what they confirmed.
   * Not for later ones: while intake keeps committing (a stop under load), a
   * wait for "none in flight" would never end.
   */
  private async settle(): Promise<void> {
    await Promise.all([...this.inFlight]);
    clearTimeout(this.sweepTimer);
    this.sweepTimer = undefined;
    await this.sweep();
  }

  private async housekeeping(): Promise<void> {
    const now = Date.now();
    const vacuumDue =
      this.removedSinceVacuum >= VACUUM_EVERY_ROWS ||
      (this.removedSinceVacuum > 0 && now - this.lastVacuumAt >= VACUUM_EVERY_MS);
    if (vacuumDue) {
      this.removedSinceVacuum = 0;
      this.lastVacuumAt = now;
      await this.store.vacuum();
    }
  }
}
