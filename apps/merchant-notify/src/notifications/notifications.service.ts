import { Injectable } from '@nestjs/common';
import { applyBatchExactlyOnce, type BatchMessage } from '@dinner-rush/messaging';
import { DeliveryWorker } from '../deliveries/delivery-worker';
import { merchantNotified } from './merchant-notified';
import { planNotifications, type PlannedNotification } from './notification-plan';
import { NotificationsRepository, type NewNotification } from './notifications.repository';

/**
 * Tells a merchant about each new or cancelled order: POSTed to its webhook when
 * it has one, otherwise kept for it to fetch. A batch is decided and recorded
 * in one transaction, exactly once, and no webhook is called inside it: a
 * webhook notification is queued (webhook_deliveries) beside its row and the
 * delivery worker sends it after COMMIT, so a slow or dead merchant endpoint
 * never holds a batch, or another merchant, up. An inbox notification is
 * told at once (merchant.notified.v1 in this transaction's outbox); a webhook
 * one when its delivery succeeds.
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly deliveries: DeliveryWorker,
  ) {}

  async notify(batch: readonly BatchMessage[]): Promise<void> {
    await applyBatchExactlyOnce(this.notifications.pool, batch, async (tx, fresh) => {
      const orders = fresh.map((m) => (m.envelope.data as { orderId: string }).orderId);
      const merchants = fresh.map((m) => (m.envelope.data as { merchantId: string }).merchantId);
      const state = await this.notifications.stateFor(tx, orders, merchants);
      const notifications = planNotifications(fresh, state).map(toNewNotification);
      const written = await this.notifications.insertAll(tx, notifications);
      const fresher = notifications.filter((n) => written.has(n.payload.notificationId));
      if (fresher.some((n) => n.channel === 'webhook'))
        tx.afterCommit(() => this.deliveries.wake());
      return fresher
        .filter((n) => n.channel === 'inbox')
        .map((n) =>
          merchantNotified(n.payload, 'inbox', {
            correlationId: n.correlationId,
            causationId: n.messageId,
          }),
        );
    });
  }
}

function toNewNotification({ message, payload, webhookUrl }: PlannedNotification): NewNotification {
  const { messageId, correlationId } = message.envelope;
  return { messageId, correlationId, channel: webhookUrl ? 'webhook' : 'inbox', payload };
}
