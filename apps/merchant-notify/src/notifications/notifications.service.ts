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
import {
  cancelledNotification,
  createdNotification,
  type NotificationChannel,
  type NotificationKind,
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
    private readonly notifications: NotificationsRepository,
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
    const precheck = await this.notifications.precheck(
      event.messageId,
      payload.orderId,
      superseding(payload.kind),
      payload.merchantId,
    );
    if (precheck.processed) {
      noteDuplicate(); // counted as a redelivery in messages_handled_total
      return;
    }
    if (precheck.alreadyNotified) {
      await this.record(event, null);
      return;
    }
    const channel = precheck.webhookUrl
      ? await this.deliver(payload, precheck.webhookUrl)
      : 'inbox';
    await this.record(event, { payload, channel });
  }

  /** Throws (a transient error) when the webhook failed every quick retry. */
  private async deliver(payload: NotificationPayload, url: string): Promise<NotificationChannel> {
    const attempts = await this.webhookClient.deliver({
      url,
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
    await applyExactlyOnce(this.notifications.transaction, event, async (tx) => {
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
    });
  }
}

/**
 * The kinds that make a notification of `kind` superfluous: another envelope
 * already told the merchant this fact, or (for a creation) the cancellation
 * overtook it, and announcing the order now could only make the merchant cook
 * something nobody will collect.
 */
function superseding(kind: NotificationKind): NotificationKind[] {
  return kind === 'order.created' ? ['order.created', 'order.cancelled'] : [kind];
}
