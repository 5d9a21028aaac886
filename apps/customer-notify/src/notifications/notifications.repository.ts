import { Injectable } from '@nestjs/common';
import { PrismaService, type PrismaTx } from '../database/prisma.service';
import type { Notification, Prisma } from '../generated/prisma/client';
import type {
  CustomerNotification,
  NotificationChannel,
  NotificationKind,
} from './customer-notification';

/** The notifications table and the inbox it is deduplicated against. */
@Injectable()
export class NotificationsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** One database transaction, in the shape applyExactlyOnce expects. */
  readonly transaction = (work: (tx: PrismaTx) => Promise<void>): Promise<void> =>
    this.prisma.$transaction(work);

  /** Whether this message's effect already committed (its id is in the inbox). */
  async isProcessed(messageId: string): Promise<boolean> {
    return (await this.prisma.inboxMessage.findUnique({ where: { messageId } })) !== null;
  }

  async exists(orderId: string, kind: NotificationKind): Promise<boolean> {
    const row = await this.prisma.notification.findUnique({
      where: { orderId_kind: { orderId, kind } },
      select: { id: true },
    });
    return row !== null;
  }

  /** False when the order already has a notification of this kind (another envelope won). */
  async insert(
    tx: PrismaTx,
    notification: CustomerNotification,
    channel: NotificationChannel,
  ): Promise<boolean> {
    const { count } = await tx.notification.createMany({
      data: [
        {
          id: notification.notificationId,
          orderId: notification.orderId,
          customerId: notification.customerId,
          kind: notification.kind,
          channel,
          text: notification.text,
          payload: notification as unknown as Prisma.InputJsonValue,
        },
      ],
      skipDuplicates: true,
    });
    return count === 1;
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
