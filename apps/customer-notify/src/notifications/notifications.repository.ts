import { Injectable } from '@nestjs/common';
import type { PgTx } from '@dinner-rush/messaging';
import type { Pool } from 'pg';
import { PrismaService } from '../database/prisma.service';
import type { Notification } from '../generated/prisma/client';
import type {
  CustomerNotification,
  KnownOrder,
  NotificationChannel,
  NotificationKind,
} from './customer-notification';
import type { CustomerState } from './notification-plan';

/**
 * The notifications table, and what the consumer reads beside it: set-based
 * statements in the batch's pg transaction. The read API stays on Prisma.
 */
@Injectable()
export class NotificationsRepository {
  readonly pool: Pool;

  constructor(private readonly prisma: PrismaService) {
    this.pool = prisma.pool;
  }

  /** Whose these orders are and what their customers were told already: one round trip. */
  async stateFor(tx: PgTx, orderIds: readonly string[]): Promise<CustomerState> {
    const rows = await tx.query<{
      order_id: string;
      customer_id: string | null;
      merchant_name: string | null;
      kind: NotificationKind | null;
    }>(
      `SELECT order_id::text, customer_id, merchant_name, NULL AS kind
         FROM customer_orders WHERE order_id = ANY($1::uuid[])
       UNION ALL
       SELECT order_id::text, NULL, NULL, kind FROM notifications WHERE order_id = ANY($1::uuid[])`,
      [orderIds],
    );
    const orders = new Map<string, KnownOrder>();
    const notifiedKinds = new Map<string, Set<NotificationKind>>();
    for (const row of rows) {
      if (row.kind === null) {
        orders.set(row.order_id, {
          customerId: row.customer_id ?? '',
          merchantName: row.merchant_name ?? '',
        });
        continue;
      }
      const kinds = notifiedKinds.get(row.order_id) ?? new Set<NotificationKind>();
      kinds.add(row.kind);
      notifiedKinds.set(row.order_id, kinds);
    }
    return { orders, notifiedKinds };
  }

  /** Inserts the notifications in one statement; answers the ids written (one per order and kind). */
  async insertAll(
    tx: PgTx,
    notifications: readonly { notification: CustomerNotification; channel: NotificationChannel }[],
  ): Promise<Set<string>> {
    if (notifications.length === 0) return new Set();
    const rows = await tx.query<{ id: string }>(
      `INSERT INTO notifications (id, order_id, customer_id, kind, channel, text, payload)
       SELECT n.id, n.order_id, n.customer_id, n.kind, n.channel, n.text, n.payload
         FROM ROWS FROM (jsonb_to_recordset($1::jsonb)
                AS (id uuid, order_id uuid, customer_id text, kind text, channel text, text text,
                    payload jsonb))
              WITH ORDINALITY AS n(id, order_id, customer_id, kind, channel, text, payload, position)
        ORDER BY n.position
       ON CONFLICT DO NOTHING
       RETURNING id::text`,
      [
        JSON.stringify(
          notifications.map(({ notification, channel }) => ({
            id: notification.notificationId,
            order_id: notification.orderId,
            customer_id: notification.customerId,
            kind: notification.kind,
            channel,
            text: notification.text,
            payload: notification,
          })),
        ),
      ],
    );
    return new Set(rows.map((row) => row.id));
  }

  /** Newest first. */
  async listForCustomer(customerId: string, limit: number): Promise<Notification[]> {
    return this.prisma.notification.findMany({
      where: { customerId },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit,
    });
  }

  /** Oldest first: the order's story. */
  async listForOrder(orderId: string): Promise<Notification[]> {
    return this.prisma.notification.findMany({
      where: { orderId },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
  }
}
