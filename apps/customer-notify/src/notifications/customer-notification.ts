import type {
  Envelope,
  EventData,
  OrderCancelledV1,
  RiderAssignedV1,
} from '@dinner-rush/contracts';

export type NotificationKind = 'rider.assigned' | 'order.cancelled';
export type NotificationChannel = 'webhook' | 'stored';

/** What the customer is told: a line to show, and the facts behind it for a richer client. */
export interface CustomerNotification {
  /** The causing event's messageId: the same for every redelivery, so receivers can dedupe. */
  notificationId: string;
  kind: NotificationKind;
  orderId: string;
  customerId: string;
  /** When the fact happened (not when the customer was told). */
  occurredAt: string;
  text: string;
  details: Record<string, string | number | null>;
}

/** Whose order it is, as learnt from its order.created.v1. */
export interface KnownOrder {
  customerId: string;
  merchantName: string;
}

export function riderAssignedNotification(
  event: Envelope<EventData<typeof RiderAssignedV1>>,
  order: KnownOrder,
): CustomerNotification {
  const { orderId, riderId, riderName, distanceKm } = event.data;
  return {
    notificationId: event.messageId,
    kind: 'rider.assigned',
    orderId,
    customerId: order.customerId,
    occurredAt: event.occurredAt,
    text: `${riderName} is picking up your order from ${order.merchantName} (${distanceKm.toFixed(1)} km away).`,
    details: { riderId, riderName, distanceKm, merchantName: order.merchantName },
  };
}

export function orderCancelledNotification(
  event: Envelope<EventData<typeof OrderCancelledV1>>,
): CustomerNotification {
  const { orderId, customerId, reason, cancelledAt } = event.data;
  return {
    notificationId: event.messageId,
    kind: 'order.cancelled',
    orderId,
    customerId,
    occurredAt: event.occurredAt,
    text: reason ? `Your order was cancelled: ${reason}.` : 'Your order was cancelled.',
    details: { reason, cancelledAt },
  };
}
