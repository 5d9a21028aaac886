import { Injectable, Logger, Optional } from '@nestjs/common';
import {
  causedBy,
  CustomerNotifiedV1,
  type Envelope,
  type EventData,
  type OrderCancelledV1,
  type OrderCreatedV1,
  type RiderAssignedV1,
} from '@dinner-rush/contracts';
import { applyExactlyOnce, outgoingEvent } from '@dinner-rush/messaging';
import {
  orderCancelledNotification,
  riderAssignedNotification,
  type CustomerNotification,
  type NotificationChannel,
} from './customer-notification';
import { CustomerOrdersRepository } from './customer-orders.repository';
import { NotificationsRepository } from './notifications.repository';
import { WebhookSender } from './webhook-sender';

/**
 * Tells customers that a rider is on the way or that their order was
 * cancelled: POSTed to the webhook when one is configured, stored either way.
 * Delivery happens before the transaction that records it, so a failed
 * webhook leaves nothing recorded and the broker retries; a crash between the
 * two re-sends the same notification id, which the receiver dedupes.
 */
@Injectable()
export class NotificationsService {
  private readonly logger = new Logger(NotificationsService.name);

  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly orders: CustomerOrdersRepository,
    @Optional() private readonly webhook?: WebhookSender,
  ) {}

  /** rider.assigned.v1 names only the order: remember whose it is. */
  async onOrderCreated(event: Envelope<EventData<typeof OrderCreatedV1>>): Promise<void> {
    const { orderId, customerId, merchantName } = event.data;
    await applyExactlyOnce(this.notifications.transaction, event, async (tx) => {
      await this.orders.remember(tx, { orderId, customerId, merchantName });
      return [];
    });
  }

  async onRiderAssigned(event: Envelope<EventData<typeof RiderAssignedV1>>): Promise<void> {
    if (await this.notifications.isProcessed(event.messageId)) return;
    const order = await this.orders.find(event.data.orderId);
    // The order's creation is on its way (the assignment was caused by it): a
    // transient failure, so the failure policy retries after a delay.
    if (!order) throw new Error(`order ${event.data.orderId} not known yet`);
    const { orderId } = event.data;
    // A rider for an order already cancelled (or already announced) is news to nobody.
    const superfluous =
      (await this.notifications.exists(orderId, 'order.cancelled')) ||
      (await this.notifications.exists(orderId, 'rider.assigned'));
    await this.notify(event, superfluous ? null : riderAssignedNotification(event, order));
  }

  async onOrderCancelled(event: Envelope<EventData<typeof OrderCancelledV1>>): Promise<void> {
    if (await this.notifications.isProcessed(event.messageId)) return;
    const told = await this.notifications.exists(event.data.orderId, 'order.cancelled');
    await this.notify(event, told ? null : orderCancelledNotification(event));
  }

  private async notify(event: Envelope, notification: CustomerNotification | null): Promise<void> {
    let channel: NotificationChannel = 'stored';
    if (notification && this.webhook) {
      await this.webhook.send(notification.notificationId, notification);
      channel = 'webhook';
    }
    await applyExactlyOnce(this.notifications.transaction, event, async (tx) => {
      if (!notification) return [];
      if (!(await this.notifications.insert(tx, notification, channel))) return [];
      this.logger.debug(`told ${notification.customerId}: ${notification.text}`);
      const { orderId, customerId, notificationId, kind } = notification;
      return [
        outgoingEvent(
          CustomerNotifiedV1,
          { orderId, customerId, notificationId, kind, channel },
          causedBy(event),
        ),
      ];
    });
  }
}
