import { Injectable } from '@nestjs/common';
import { preparedStatement, type PgTx } from '@dinner-rush/messaging';
import type { Pool } from 'pg';
import { PrismaService } from '../database/prisma.service';
import type { NotificationKind } from '../notifications/notification-payload';

/** A delivery a worker owns for one try (its lease), with all the try needs. */
export interface ClaimedDelivery {
  notificationId: string;
  merchantId: string;
  orderId: string;
  kind: NotificationKind;
  /** Lineage for merchant.notified.v1: the order's correlation id, the causing event. */
  correlationId: string;
  causationId: string;
  /** Tries made, this one included. */
  attempts: number;
  /** The notification as JSON text: the exact bytes POSTed and signed, the same on every try. */
  body: string;
  /** Where to POST it and the key to sign it with; null once the merchant removed its webhook. */
  target: { url: string; signingSecret: string } | null;
}

/** How a delivery ended, as its notification records it. */
export type DeliveryEnd =
  | { status: 'delivered' }
  | { status: 'failed'; failure: string }
  /** The webhook was removed meanwhile: the notification waits in the inbox instead. */
  | { status: 'stored' };

/**
 * webhook_deliveries, the queue of webhook notifications still to be sent.
 * Claims are single statements on the pool (no transaction stays open while
 * a webhook answers); the end of a delivery is written in the caller's
 * transaction, beside the merchant.notified event it may cause.
 */
@Injectable()
export class WebhookDeliveriesRepository {
  readonly pool: Pool;

  constructor(prisma: PrismaService) {
    this.pool = prisma.pool;
  }

  /**
   * Leases the oldest due delivery of up to `limit` merchants, skipping
   * `busyMerchants` (a try of theirs is in flight here) and rows another
   * worker holds, and counts the try. Merchants whose oldest due delivery
   * waited longest go first.
   */
  async claim(
    busyMerchants: readonly string[],
    limit: number,
    leaseMs: number,
  ): Promise<ClaimedDelivery[]> {
    const { rows } = await this.pool.query<ClaimedRow>(
      preparedStatement(CLAIM, [busyMerchants, limit, leaseMs]),
    );
    return rows.map(({ url, signing_secret, ...row }) => ({
      ...row,
      target:
        url !== null && signing_secret !== null ? { url, signingSecret: signing_secret } : null,
    }));
  }

  /** The try failed and another is allowed: due again after `afterMs`, lease given back. */
  async retryLater(notificationId: string, afterMs: number, error: string): Promise<void> {
    await this.pool.query(
      preparedStatement(
        `UPDATE webhook_deliveries
            SET leased_until = NULL, last_error = $3,
                next_attempt_at = now() + make_interval(secs => $2::float8 / 1000)
          WHERE notification_id = $1`,
        [notificationId, afterMs, error],
      ),
    );
  }

  /**
   * Ends a delivery: its queue row goes, its notification records the end.
   * False when the row was already gone (another worker whose lease ran out
   * ended it first): the caller then reports nothing.
   */
  async finish(tx: PgTx, notificationId: string, end: DeliveryEnd): Promise<boolean> {
    const ended = await tx.execute(
      `WITH gone AS (DELETE FROM webhook_deliveries WHERE notification_id = $1
                     RETURNING notification_id)
       UPDATE notifications n
          SET status = $2, failure = $3,
              channel = CASE WHEN $2 = 'stored' THEN 'inbox' ELSE n.channel END
         FROM gone WHERE n.id = gone.notification_id`,
      [notificationId, end.status, end.status === 'failed' ? end.failure : null],
    );
    return ended > 0;
  }

  /**
   * Reclaims the space of ended deliveries. Autovacuum may be off (it is on
   * the reference machine), and a queue table never vacuumed grows dead rows
   * that every claim would scan.
   */
  async vacuum(): Promise<void> {
    await this.pool.query('VACUUM webhook_deliveries');
  }
}

interface ClaimedRow extends Omit<ClaimedDelivery, 'target'> {
  url: string | null;
  signing_secret: string | null;
}

const CLAIM = `
WITH merchants AS (
  SELECT merchant_id FROM webhook_deliveries
   WHERE next_attempt_at <= now() AND (leased_until IS NULL OR leased_until <= now())
     AND merchant_id <> ALL($1::text[])
   GROUP BY merchant_id
   ORDER BY min(next_attempt_at)
   LIMIT $2
), picked AS (
  SELECT head.id, head.notification_id
    FROM merchants m
    CROSS JOIN LATERAL (
      SELECT d.id, d.notification_id FROM webhook_deliveries d
       WHERE d.merchant_id = m.merchant_id AND d.next_attempt_at <= now()
         AND (d.leased_until IS NULL OR d.leased_until <= now())
       ORDER BY d.id
       LIMIT 1
       FOR UPDATE SKIP LOCKED) head
)
UPDATE webhook_deliveries d
   SET attempts = d.attempts + 1,
       leased_until = now() + make_interval(secs => $3::float8 / 1000)
  FROM picked
  JOIN notifications n ON n.id = picked.notification_id
  LEFT JOIN merchant_webhooks w ON w.merchant_id = n.merchant_id
 WHERE d.id = picked.id
RETURNING d.notification_id::text AS "notificationId", d.merchant_id AS "merchantId",
          n.order_id::text AS "orderId", n.kind, d.correlation_id::text AS "correlationId",
          n.message_id::text AS "causationId", d.attempts, n.payload::text AS body,
          w.url, w.signing_secret`;
