import { Injectable, Optional } from '@nestjs/common';
import { causedBy, CustomerNotifiedV1, OrderCreatedV1 } from '@dinner-rush/contracts';
import {
  applyBatchExactlyOnce,
  messagesOfType,
  outgoingEvent,
  type BatchMessage,
  type OutgoingMessage,
} from '@dinner-rush/messaging';
import type { NotificationChannel } from './customer-notification';
import { CustomerOrdersRepository } from './customer-orders.repository';
import { planNotifications, type PlannedNotification } from './notification-plan';
import { NotificationsRepository } from './notifications.repository';
import { WebhookSender } from './webhook-sender';

/**
 * Tells customers that a rider is on the way or that their order was
 * cancelled: POSTed to the webhook when one is configured, stored either way.
 * A batch is decided and recorded in one transaction; the webhook is called
 * before its commit, so a failed call records nothing for its message (that
 * message alone is retried) and a crash between call and commit re-sends the
 * same notification id, which the receiver dedupes.
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly orders: CustomerOrdersRepository,
    @Optional() private readonly webhook?: WebhookSender,
  ) {}

  async notify(batch: readonly BatchMessage[]): Promise<void> {
    await applyBatchExactlyOnce(this.notifications.pool, batch, async (tx, fresh) => {
      // rider.assigned.v1 names only the order: remember whose each new order is, first.
      await this.orders.rememberAll(
        tx,
        messagesOfType(fresh, OrderCreatedV1).map(({ envelope: { data } }) => ({
          orderId: data.orderId,
          customerId: data.customerId,
          merchantName: data.merchantName,
        })),
      );
      const orderIds = fresh.map((m) => (m.envelope.data as { orderId: string }).orderId);
      const plan = planNotifications(fresh, await this.notifications.stateFor(tx, orderIds));
      const sent = (await Promise.all(plan.map((planned) => this.send(planned)))).filter(
        (s): s is Sent => s !== null,
      );
      const written = await this.notifications.insertAll(tx, sent);
      return sent
        .filter(({ notification }) => written.has(notification.notificationId))
        .map(notifiedEvent);
    });
  }

  /** Through the webhook when there is one; a failed call takes its message out of the batch. */
  private async send(planned: PlannedNotification): Promise<Sent | null> {
    const { message, notification } = planned;
    if (!this.webhook) return { ...planned, channel: 'stored' };
    try {
      await this.webhook.send(notification.notificationId, notification);
      return { ...planned, channel: 'webhook' };
    } catch (error) {
      message.reject(error);
      return null;
    }
  }
}

interface Sent extends PlannedNotification {
  channel: NotificationChannel;
}

function notifiedEvent({ message, notification, channel }: Sent): OutgoingMessage {
  const { orderId, customerId, notificationId, kind } = notification;
  return outgoingEvent(
    CustomerNotifiedV1,
    { orderId, customerId, notificationId, kind, channel },
    causedBy(message.envelope),
  );
}
