import { Injectable, Logger } from '@nestjs/common';
import {
  causedBy,
  MerchantNotifiedV1,
  type Envelope,
  type EventData,
  type OrderCancelledV1,
  type OrderCreatedV1,
} from '@dinner-rush/contracts';
import { applyExactlyOnce, noteDuplicate, outgoingEvent } from '@dinner-rush/messaging';
import { WebhookClient } from '@dinner-rush/service-kit';
import { PrismaService } from '../database/prisma.service';
import type { Prisma } from '../generated/prisma/client';
import { WebhooksRepository } from '../webhooks/webhooks.repository';
import {
  cancelledNotification,
  createdNotification,
  type NotificationChannel,
  type NotificationPayload,
} from './notification-payload';
import { NotificationsRepository } from './notifications.repository';

/**
 * Tells a merchant about each new or cancelled order: POSTed to its webhook when
 * it has one, otherwise kept for it to fetch. Delivery happens before the
 * transaction that records it, so a failed webhook leaves nothing recorded and
 * the broker redelivers; a crash between the two re-sends the same notification
 * id, which the merchant dedupes.
 */
@Injectable()
export class NotificationsService {
  private readonly logger = new Logger(NotificationsService.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly notifications: NotificationsRepository,
    private readonly webhooks: WebhooksRepository,
    private readonly webhookClient: WebhookClient,
  ) {}

  async onOrderCreated(event: Envelope<EventData<typeof OrderCreatedV1>>): Promise<void> {
    await this.notify(event, createdNotification(event));
  }

  async onOrderCancelled(event: Envelope<EventData<typeof OrderCancelledV1>>): Promise<void> {
    await this.notify(event, cancelledNotification(event));
  }

  private async notify(event: Envelope, payload: NotificationPayload): Promise<void> {
    // Checked before any webhook call, so a message already applied never reaches
    // the merchant a second time.
    if (await this.notifications.isProcessed(event.messageId)) {
      noteDuplicate(); // counted as a redelivery in messages_handled_total
      return;
    }
    if (await this.isSuperfluous(payload)) {
      await this.record(event, null);
      return;
    }
    const channel = await this.deliver(payload);
    await this.record(event, { payload, channel });
  }

  /**
   * Another envelope already told the merchant this fact, or the cancellation
   * overtook the creation: announcing the order now could only make the merchant
   * cook something nobody will collect.
   */
  private async isSuperfluous({ orderId, kind }: NotificationPayload): Promise<boolean> {
    if (await this.notifications.exists(orderId, kind)) return true;
    return kind === 'order.created' && this.notifications.exists(orderId, 'order.cancelled');
  }

  /** Throws (a transient error) when the webhook failed every quick retry. */
  private async deliver(payload: NotificationPayload): Promise<NotificationChannel> {
    const webhook = await this.webhooks.find(payload.merchantId);
    if (!webhook) return 'inbox';
    const attempts = await this.webhookClient.deliver({
      url: webhook.url,
      idempotencyKey: payload.notificationId,
      body: payload,
    });
    if (attempts > 1) {
      this.logger.log(`notification ${payload.notificationId} delivered on attempt ${attempts}`);
    }
    return 'webhook';
  }

  /** The inbox row, the notification (if any) and its status event commit together. */
  private async record(
    event: Envelope,
    notification: { payload: NotificationPayload; channel: NotificationChannel } | null,
  ): Promise<void> {
    await applyExactlyOnce(
      (work) => this.prisma.$transaction(work),
      event,
      async (tx: Prisma.TransactionClient) => {
        if (!notification) return [];
        const { payload, channel } = notification;
        const inserted = await this.notifications.insert(tx, {
          messageId: event.messageId,
          channel,
          status: channel === 'webhook' ? 'delivered' : 'stored',
          payload,
        });
        if (!inserted) return [];
        return [
          outgoingEvent(
            MerchantNotifiedV1,
            {
              orderId: payload.orderId,
              merchantId: payload.merchantId,
              notificationId: payload.notificationId,
              kind: payload.kind,
              channel,
            },
            causedBy(event),
          ),
        ];
      },
    );
  }
}
