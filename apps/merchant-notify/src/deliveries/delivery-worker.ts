import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { enqueueOutbox, inPgTransaction } from '@dinner-rush/messaging';
import { APP_CONFIG, WebhookAttemptError } from '@dinner-rush/service-kit';
import type { MerchantNotifyConfig } from '../config';
import { merchantNotified } from '../notifications/merchant-notified';
import { afterFailedTry, type RetryPolicy } from './delivery-schedule';
import { webhookDeliveries, webhookTries, webhookTriesInFlight } from './delivery-metrics';
import {
  WebhookDeliveriesRepository,
  type ClaimedDelivery,
  type DeliveryEnd,
} from './webhook-deliveries.repository';
import { WebhookSender } from './webhook-sender';

/** A lease outlives any try (its deadline) by this much; a crashed worker's rows come back after it. */
const LEASE_MARGIN_MS = 30_000;
/** VACUUM the queue after this many tries (each leaves dead rows), or once a minute when there were any. */
const VACUUM_EVERY_ROWS = 5_000;
const VACUUM_EVERY_MS = 60_000;

/**
 * Sends queued webhook notifications, outside any transaction. At most
 * WEBHOOK_CONCURRENCY tries run at once and at most one per merchant, so a
 * slow or dead endpoint holds one slot for at most one deadline and delays
 * no other merchant. A failed try spends one of the notification's
 * WEBHOOK_ATTEMPTS and comes due again after a doubling pause; the last one
 * ends the delivery as failed, with its reason, on the notification. A try
 * whose end could not be written (database away) is tried again when its
 * lease runs out: at least once, with the same webhook-id for the merchant
 * to dedupe by.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DeliveryWorker.name);
  private readonly busyMerchants = new Set<string>();
  private readonly tries = new Set<Promise<void>>();
  private readonly policy: RetryPolicy;
  private claiming?: Promise<void>;
  private wokenWhileClaiming = false;
  private stopped = true;
  private poll?: NodeJS.Timeout;
  private triesSinceVacuum = 0;
  private lastVacuumAt = Date.now();

  constructor(
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly sender: WebhookSender,
    @Inject(APP_CONFIG) private readonly config: MerchantNotifyConfig,
  ) {
    this.policy = { attempts: config.WEBHOOK_ATTEMPTS, backoffMs: config.WEBHOOK_BACKOFF_MS };
  }

  onApplicationBootstrap(): void {
    this.stopped = false;
    // Retries come due and other replicas' leases run out without anyone saying so.
    this.poll = setInterval(() => this.wake(), this.config.WEBHOOK_POLL_MS);
    this.poll.unref();
    this.wake();
  }

  /** Stops claiming and lets the tries under way end (each within its deadline). */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.poll);
    await this.claiming;
    await Promise.allSettled([...this.tries]);
  }

  /** Claims what is due now: after a batch queued deliveries, a try ended, or on the poll. */
  wake(): void {
    if (this.stopped) return;
    if (this.claiming) {
      this.wokenWhileClaiming = true;
      return;
    }
    this.claiming = this.claimWhileFree().finally(() => {
      this.claiming = undefined;
      if (this.wokenWhileClaiming) {
        this.wokenWhileClaiming = false;
        this.wake();
      }
    });
  }

  private async claimWhileFree(): Promise<void> {
    try {
      await this.vacuumWhenDue();
      while (!this.stopped) {
        const free = this.config.WEBHOOK_CONCURRENCY - this.tries.size;
        if (free <= 0) return;
        const claimed = await this.deliveries.claim(
          [...this.busyMerchants],
          free,
          this.config.WEBHOOK_TIMEOUT_MS + LEASE_MARGIN_MS,
        );
        for (const delivery of claimed) this.start(delivery);
        if (claimed.length < free) return;
      }
    } catch (error) {
      this.logger.warn(`could not claim webhook deliveries, trying again: ${String(error)}`);
    }
  }

  private start(delivery: ClaimedDelivery): void {
    this.busyMerchants.add(delivery.merchantId);
    webhookTriesInFlight.inc();
    const run = this.attempt(delivery)
      .catch((error: unknown) => {
        // Only our own database can fail here (the try's own failure is handled inside).
        this.logger.warn(
          `notification ${delivery.notificationId}: could not record the try, its lease will bring it back: ${String(error)}`,
        );
      })
      .finally(() => {
        webhookTriesInFlight.dec();
        this.triesSinceVacuum += 1;
        this.busyMerchants.delete(delivery.merchantId);
        this.tries.delete(run);
        this.wake();
      });
    this.tries.add(run);
  }

  private async attempt(delivery: ClaimedDelivery): Promise<void> {
    if (!delivery.target) return this.end(delivery, { status: 'stored' });
    try {
      await this.sender.send(delivery, delivery.target);
    } catch (error) {
      const reason = error instanceof WebhookAttemptError ? error.reason : 'unreachable';
      webhookTries.inc({ result: reason });
      const why = `${reason}: ${error instanceof Error ? error.message : String(error)}`;
      const next = afterFailedTry(delivery.attempts, this.policy);
      if (next === 'give-up') {
        const failure = `failed after ${delivery.attempts} tries; last: ${why}`;
        return this.end(delivery, { status: 'failed', failure });
      }
      return this.deliveries.retryLater(delivery.notificationId, next.retryInMs, why);
    }
    webhookTries.inc({ result: 'delivered' });
    if (delivery.attempts > 1) {
      this.logger.log(
        `notification ${delivery.notificationId} delivered on try ${delivery.attempts}`,
      );
    }
    await this.end(delivery, { status: 'delivered' });
  }

  /** Records the end; a notification the merchant has (or can fetch) is reported as notified. */
  private async end(delivery: ClaimedDelivery, end: DeliveryEnd): Promise<void> {
    const ended = await inPgTransaction(this.deliveries.pool, async (tx) => {
      if (!(await this.deliveries.finish(tx, delivery.notificationId, end))) return false;
      if (end.status !== 'failed') {
        const channel = end.status === 'delivered' ? 'webhook' : 'inbox';
        await enqueueOutbox(tx, [
          merchantNotified(delivery, channel, {
            correlationId: delivery.correlationId,
            causationId: delivery.causationId,
          }),
        ]);
      }
      return true;
    });
    if (ended) webhookDeliveries.inc({ outcome: end.status });
  }

  private async vacuumWhenDue(): Promise<void> {
    const due =
      this.triesSinceVacuum >= VACUUM_EVERY_ROWS ||
      (this.triesSinceVacuum > 0 && Date.now() - this.lastVacuumAt >= VACUUM_EVERY_MS);
    if (!due) return;
    this.triesSinceVacuum = 0;
    this.lastVacuumAt = Date.now();
    await this.deliveries.vacuum();
  }
}
