import { MerchantNotifiedV1, type EnvelopeLineage } from '@dinner-rush/contracts';
import { outgoingEvent, type OutgoingMessage } from '@dinner-rush/messaging';
import type { NotificationChannel, NotificationPayload } from './notification-payload';

/** merchant.notified.v1: the merchant has it (webhook answered 2xx) or can fetch it (inbox). */
export function merchantNotified(
  notification: Pick<NotificationPayload, 'orderId' | 'merchantId' | 'notificationId' | 'kind'>,
  channel: NotificationChannel,
  lineage: EnvelopeLineage,
): OutgoingMessage {
  const { orderId, merchantId, notificationId, kind } = notification;
  return outgoingEvent(
    MerchantNotifiedV1,
    { orderId, merchantId, notificationId, kind, channel },
    lineage,
  );
}
