import { Injectable } from '@nestjs/common';
import { inPgTransaction, type PgTx } from '@dinner-rush/messaging';
import { PrismaService } from '../database/prisma.service';
import type { Notification } from '../generated/prisma/client';
import type {
  NotificationChannel,
  NotificationKind,
  NotificationPayload,
} from './notification-payload';

export interface NewNotification {
  messageId: string;
  channel: NotificationChannel;
  /** 'delivered' once a webhook answered 2xx; 'stored' while it waits to be fetched. */
  status: 'delivered' | 'stored';
  payload: NotificationPayload;
}

/** What must be known before a notification may go out, read in one round trip. */
export interface NotificationPrecheck {
  /** This message's effect already committed (its id is in the inbox). */
  processed: boolean;
  /** The order already has a notification of one of the kinds asked about. */
  alreadyNotified: boolean;
  /** The merchant's webhook, or null: the notification waits in its inbox. */
  webhookUrl: string | null;
}

/**
 * The notifications table and the inbox it is deduplicated against. The
 * per-message path (precheck, transaction, insert) is plain pg, one round trip
 * per statement; the read API stays on Prisma.
 */
@Injectable()
export class NotificationsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** One database transaction, in the shape applyExactlyOnce expects. */
  readonly transaction = (work: (tx: PgTx) => Promise<void>): Promise<void> =>
    inPgTransaction(this.prisma.pool, work);

  async precheck(
    messageId: string,
    orderId: string,
    kinds: readonly NotificationKind[],
    merchantId: string,
  ): Promise<NotificationPrecheck> {
    const { rows } = await this.prisma.pool.query<{
      processed: boolean;
      already_notified: boolean;
      webhook_url: string | null;
    }>(
      `SELECT EXISTS (SELECT 1 FROM inbox WHERE message_id = $1::uuid) AS processed,
              EXISTS (SELECT 1 FROM notifications
                       WHERE order_id = $2::uuid AND kind = ANY ($3::text[])) AS already_notified,
              (SELECT url FROM merchant_webhooks WHERE merchant_id = $4) AS webhook_url`,
      [messageId, orderId, kinds, merchantId],
    );
    const row = rows[0]!;
    return {
      processed: row.processed,
      alreadyNotified: row.already_notified,
      webhookUrl: row.webhook_url,
    };
  }

  /**
   * Inside the caller's transaction. Returns false when the order already has a
   * notification of this kind (another envelope for the same fact got there first).
   */
  async insert(tx: PgTx, notification: NewNotification): Promise<boolean> {
    const { payload } = notification;
    const inserted = await tx.$executeRawUnsafe(
      `INSERT INTO notifications (id, message_id, order_id, merchant_id, kind, channel, status, payload)
       VALUES ($1::uuid, $2::uuid, $3::uuid, $4, $5, $6, $7, $8::jsonb)
       ON CONFLICT DO NOTHING`,
      payload.notificationId,
      notification.messageId,
      payload.orderId,
      payload.merchantId,
      payload.kind,
      notification.channel,
      notification.status,
      JSON.stringify(payload),
    );
    return inserted === 1;
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
