import { Injectable } from '@nestjs/common';
import type { PgTx } from '@dinner-rush/messaging';
import type { Pool } from 'pg';
import { PrismaService } from '../database/prisma.service';
import type { Notification } from '../generated/prisma/client';
import type { NotificationState } from './notification-plan';
import type {
  NotificationChannel,
  NotificationKind,
  NotificationPayload,
} from './notification-payload';

export interface NewNotification {
  messageId: string;
  /** The causing event's correlation id (a webhook delivery reports with it later). */
  correlationId: string;
  /** 'webhook': queued for the delivery worker ('pending'); 'inbox': kept for fetching ('stored'). */
  channel: NotificationChannel;
  payload: NotificationPayload;
}

/**
 * The notifications table and the merchants' webhooks, as the consumer reads
 * and writes them: set-based statements in the batch's pg transaction. The
 * read API stays on Prisma.
 */
@Injectable()
export class NotificationsRepository {
  readonly pool: Pool;

  constructor(private readonly prisma: PrismaService) {
    this.pool = prisma.pool;
  }

  /** What was told about these orders already, and where these merchants want it: one round trip. */
  async stateFor(
    tx: PgTx,
    orderIds: readonly string[],
    merchantIds: readonly string[],
  ): Promise<NotificationState> {
    const rows = await tx.query<{ what: 'kind' | 'webhook'; key: string; value: string }>(
      `SELECT 'kind' AS what, order_id::text AS key, kind AS value
         FROM notifications WHERE order_id = ANY($1::uuid[])
       UNION ALL
       SELECT 'webhook', merchant_id, url FROM merchant_webhooks WHERE merchant_id = ANY($2::text[])`,
      [orderIds, merchantIds],
    );
    const notifiedKinds = new Map<string, Set<NotificationKind>>();
    const webhooks = new Map<string, string>();
    for (const row of rows) {
      if (row.what === 'webhook') {
        webhooks.set(row.key, row.value);
        continue;
      }
      const kinds = notifiedKinds.get(row.key) ?? new Set<NotificationKind>();
      kinds.add(row.value as NotificationKind);
      notifiedKinds.set(row.key, kinds);
    }
    return { notifiedKinds, webhooks };
  }

  /**
   * Inserts the notifications and queues the webhook ones for delivery, in one
   * statement; answers the ids written (an order that already has a
   * notification of that kind gets none, and no delivery).
   */
  async insertAll(tx: PgTx, notifications: readonly NewNotification[]): Promise<Set<string>> {
    if (notifications.length === 0) return new Set();
    const rows = await tx.query<{ id: string }>(INSERT_NOTIFICATIONS, [
      JSON.stringify(
        notifications.map(({ messageId, correlationId, channel, payload }) => ({
          id: payload.notificationId,
          message_id: messageId,
          correlation_id: correlationId,
          order_id: payload.orderId,
          merchant_id: payload.merchantId,
          kind: payload.kind,
          channel,
          status: channel === 'webhook' ? 'pending' : 'stored',
          payload,
        })),
      ),
    ]);
    return new Set(rows.map((row) => row.id));
  }

  /** Newest first. */
  async listForMerchant(merchantId: string, limit: number): Promise<Notification[]> {
    return this.prisma.notification.findMany({
      where: { merchantId },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit,
    });
  }
}

/** Rows arrive as one JSON array; deliveries are queued in commit order (their id). */
const INSERT_NOTIFICATIONS = `
WITH n AS (
  SELECT * FROM ROWS FROM (jsonb_to_recordset($1::jsonb)
         AS (id uuid, message_id uuid, correlation_id uuid, order_id uuid, merchant_id text,
             kind text, channel text, status text, payload jsonb))
       WITH ORDINALITY AS n(id, message_id, correlation_id, order_id, merchant_id, kind, channel,
                            status, payload, position)
), written AS (
  INSERT INTO notifications (id, message_id, order_id, merchant_id, kind, channel, status, payload)
  SELECT id, message_id, order_id, merchant_id, kind, channel, status, payload
    FROM n ORDER BY position
  ON CONFLICT DO NOTHING
  RETURNING id
), queued AS (
  INSERT INTO webhook_deliveries (notification_id, merchant_id, correlation_id)
  SELECT n.id, n.merchant_id, n.correlation_id
    FROM n JOIN written USING (id)
   WHERE n.channel = 'webhook'
   ORDER BY n.position
)
SELECT id::text FROM written`;
