import { randomUUID } from 'node:crypto';
import { OrderCreatedV2, orderCreatedPair, type PlaceOrderRequest } from '@dinner-rush/contracts';
import { outgoingEnvelope, type OutgoingMessage } from '@dinner-rush/messaging';
import type { OrderRecord } from './order-view';
import type { OrderCreatedVersions } from './order-created-versions';
import type { PricedOrder } from './pricing';

/**
 * A new order as it will be stored, and the events that announce it (first of
 * its correlation: correlationId = orderId, no cause): order.created.v1 for
 * consumers that read only v1, and its v2 twin, which adds the delivery
 * instructions. Both go out while any v1-only consumer may still run (see
 * docs/event-versioning.md); a v2-aware consumer applies the pair once.
 * Once v1 is retired, the v2 copy alone.
 */
export function newOrder(
  request: PlaceOrderRequest,
  priced: PricedOrder,
  versions: OrderCreatedVersions,
  now = new Date(),
): { record: OrderRecord; created: readonly OutgoingMessage[] } {
  const id = randomUUID();
  const { v1, v2 } = orderCreatedPair(
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
      deliveryInstructions: request.deliveryInstructions ?? null,
    },
    { correlationId: id, causationId: null },
    now,
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
    deliveryInstructions: request.deliveryInstructions ?? null,
    createdEventId: v1.messageId,
    createdAt: now,
    cancelledAt: null,
    cancelReason: null,
    deliveredAt: null,
    lines: priced.lines.map((line, lineNo) => ({ orderId: id, lineNo, ...line })),
    timeline: [],
  };
  return {
    record,
    created: (versions.publishV1 ? [v1, v2] : [v2]).map((event) =>
      outgoingEnvelope(OrderCreatedV2.exchange, event),
    ),
  };
}
