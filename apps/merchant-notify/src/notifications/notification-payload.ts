import type { Envelope, EventData, OrderCancelledV1, OrderCreatedV2 } from '@dinner-rush/contracts';
import { notificationIdFor } from './notification-id';

export type NotificationKind = 'order.created' | 'order.cancelled';
export type NotificationChannel = 'webhook' | 'inbox';

/** What the merchant needs to start (or stop) cooking; no customer details. */
export type OrderSummary =
  | {
      status: 'created';
      merchantName: string;
      items: { menuItemId: string; name: string; quantity: number; lineTotalCents: number }[];
      itemsTotalCents: number;
      deliveryFeeCents: number;
      totalCents: number;
      currency: string;
      placedAt: string;
      /** The customer's note for the courier, to print on the bag's ticket; null when none. */
      deliveryInstructions: string | null;
    }
  | { status: 'cancelled'; reason: string | null; cancelledAt: string };

/** The body POSTed to a webhook and returned by GET /merchants/:id/notifications (as `payload`). */
export interface NotificationPayload {
  notificationId: string;
  kind: NotificationKind;
  orderId: string;
  merchantId: string;
  /** When the order event happened (not when the merchant was told). */
  occurredAt: string;
  order: OrderSummary;
}

export function createdNotification(
  event: Envelope<EventData<typeof OrderCreatedV2>>,
): NotificationPayload {
  const { data } = event;
  return {
    notificationId: notificationIdFor(event.messageId),
    kind: 'order.created',
    orderId: data.orderId,
    merchantId: data.merchantId,
    occurredAt: event.occurredAt,
    order: {
      status: 'created',
      merchantName: data.merchantName,
      items: data.items.map(({ menuItemId, name, quantity, lineTotalCents }) => ({
        menuItemId,
        name,
        quantity,
        lineTotalCents,
      })),
      itemsTotalCents: data.itemsTotalCents,
      deliveryFeeCents: data.deliveryFeeCents,
      totalCents: data.totalCents,
      currency: data.currency,
      placedAt: data.placedAt,
      deliveryInstructions: data.deliveryInstructions,
    },
  };
}

export function cancelledNotification(
  event: Envelope<EventData<typeof OrderCancelledV1>>,
): NotificationPayload {
  const { data } = event;
  return {
    notificationId: notificationIdFor(event.messageId),
    kind: 'order.cancelled',
    orderId: data.orderId,
    merchantId: data.merchantId,
    occurredAt: event.occurredAt,
    order: { status: 'cancelled', reason: data.reason, cancelledAt: data.cancelledAt },
  };
}
