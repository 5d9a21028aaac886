import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';
import type { Notification, Prisma } from '../generated/prisma/client';
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

/** The notifications table and the inbox it is deduplicated against. */
@Injectable()
export class NotificationsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Whether this message's effect already committed (its id is in the inbox). */
  async isProcessed(messageId: string): Promise<boolean> {
    const row = await this.prisma.inboxMessage.findUnique({ where: { messageId } });
    return row !== null;
  }

  async exists(orderId: string, kind: NotificationKind): Promise<boolean> {
    const row = await this.prisma.notification.findUnique({
      where: { orderId_kind: { orderId, kind } },
      select: { id: true },
    });
    return row !== null;
  }

  /**
   * Inside the caller's transaction. Returns false when the order already has a
   * notification of this kind (another envelope for the same fact got there first).
   */
  async insert(tx: Prisma.TransactionClient, notification: NewNotification): Promise<boolean> {
    const { payload } = notification;
    const { count } = await tx.notification.createMany({
      data: [
        {
          id: payload.notificationId,
          messageId: notification.messageId,
          orderId: payload.orderId,
          merchantId: payload.merchantId,
          kind: payload.kind,
          channel: notification.channel,
          status: notification.status,
          payload: payload as unknown as Prisma.InputJsonValue,
        },
      ],
      skipDuplicates: true,
    });
    return count === 1;
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
