import { randomUUID } from 'node:crypto';
import { OrderCreatedV1, type PlaceOrderRequest } from '@dinner-rush/contracts';
import { outgoingEvent, type OutgoingMessage } from '@dinner-rush/messaging';
import type { OrderRecord } from './order-view';
import type { PricedOrder } from './pricing';

/**
 * A new order as it will be stored, and the order.created.v1 event that
 * announces it (first of its correlation: correlationId = orderId, no cause).
 */
export function newOrder(
  request: PlaceOrderRequest,
  priced: PricedOrder,
  now = new Date(),
): { record: OrderRecord; created: OutgoingMessage } {
  const id = randomUUID();
  const created = outgoingEvent(
    OrderCreatedV1,
    {
      orderId: id,
      customerId: request.customerId,
      merchantId: priced.merchant.id,
      merchantName: priced.merchant.name,
      merchantLocation: priced.merchant.location,
      items: priced.lines,
      itemsTotalCents: priced.itemsTotalCents,
      deliveryFeeCents: priced.deliveryFeeCents,
      totalCents: priced.totalCents,
      currency: priced.currency,
      deliveryAddress: request.deliveryAddress,
      placedAt: now.toISOString(),
    },
    { correlationId: id, causationId: null },
  );
  const record: OrderRecord = {
    id,
    customerId: request.customerId,
    merchantId: priced.merchant.id,
    status: 'placed',
    itemsTotalCents: priced.itemsTotalCents,
    deliveryFeeCents: priced.deliveryFeeCents,
    totalCents: priced.totalCents,
    currency: priced.currency,
    deliveryLine1: request.deliveryAddress.line1,
    deliveryLat: request.deliveryAddress.lat,
    deliveryLng: request.deliveryAddress.lng,
    createdEventId: created.envelope.messageId,
    createdAt: now,
    cancelledAt: null,
    cancelReason: null,
    deliveredAt: null,
    lines: priced.lines.map((line, lineNo) => ({ orderId: id, lineNo, ...line })),
    timeline: [],
  };
  return { record, created };
}
