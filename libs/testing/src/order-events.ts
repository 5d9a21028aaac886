import { randomUUID } from 'node:crypto';
import {
  buildEvent,
  OrderCancelledV1,
  OrderCreatedV1,
  orderCreatedPair,
  type OrderCreatedV2,
  type Envelope,
  type EventData,
} from '@dinner-rush/contracts';

export type OrderCreatedData = EventData<typeof OrderCreatedV1>;
export type OrderCancelledData = EventData<typeof OrderCancelledV1>;
export type OrderLine = OrderCreatedData['items'][number];

/** One line of an order (2 × Currywurst by default); its total follows quantity × price. */
export function orderLine(overrides: Partial<OrderLine> = {}): OrderLine {
  const quantity = overrides.quantity ?? 2;
  const unitPriceCents = overrides.unitPriceCents ?? 450;
  return {
    menuItemId: 'curry-wurst',
    name: 'Currywurst',
    quantity,
    unitPriceCents,
    lineTotalCents: quantity * unitPriceCents,
    ...overrides,
  };
}

/**
 * The one order.created.v1 test payload, as order-service publishes it: fresh
 * order and customer ids on every call; the totals follow the lines and the
 * delivery fee, so overriding `items` or `deliveryFeeCents` keeps the order
 * consistent (override a total itself only to test an inconsistent one).
 */
export function orderCreatedData(overrides: Partial<OrderCreatedData> = {}): OrderCreatedData {
  const items = overrides.items ?? [orderLine()];
  const deliveryFeeCents = overrides.deliveryFeeCents ?? 250;
  const itemsTotalCents = items.reduce((sum, line) => sum + line.lineTotalCents, 0);
  return {
    orderId: randomUUID(),
    customerId: `customer-${randomUUID().slice(0, 8)}`,
    merchantId: 'merchant-1',
    merchantName: 'Curry Corner',
    merchantLocation: { lat: 52.5206, lng: 13.4094 },
    items,
    itemsTotalCents,
    deliveryFeeCents,
    totalCents: itemsTotalCents + deliveryFeeCents,
    currency: 'EUR',
    deliveryAddress: { line1: 'Alexanderplatz 1', lat: 52.5219, lng: 13.4132 },
    placedAt: new Date().toISOString(),
    ...overrides,
  };
}

/** orderCreatedData's order as the event order-service publishes. */
export function orderCreatedEvent(
  overrides: Partial<OrderCreatedData> = {},
): Envelope<OrderCreatedData> {
  return orderCreatedEventFor(orderCreatedData(overrides));
}

/** The first event of an order: correlated by the order id, caused by nothing. */
export function orderCreatedEventFor(data: OrderCreatedData): Envelope<OrderCreatedData> {
  return buildEvent(OrderCreatedV1, data, { correlationId: data.orderId, causationId: null });
}

/** The cancellation of an order (from its order.created data). */
export function orderCancelledEvent(
  order: Pick<OrderCreatedData, 'orderId' | 'merchantId' | 'customerId'>,
  overrides: Partial<OrderCancelledData> = {},
): Envelope<OrderCancelledData> {
  const data: OrderCancelledData = {
    orderId: order.orderId,
    merchantId: order.merchantId,
    customerId: order.customerId,
    reason: 'customer changed their mind',
    cancelledAt: new Date().toISOString(),
    ...overrides,
  };
  return buildEvent(OrderCancelledV1, data, { correlationId: data.orderId, causationId: null });
}

/** The same event again under a new message id (a producer that republished it). */
export function withNewMessageId<T>(envelope: Envelope<T>): Envelope<T> {
  return { ...envelope, messageId: randomUUID() };
}

/** The v1 event and its v2 twin order-service publishes for one order (same id, see orderCreatedPair). */
export function orderCreatedPairFor(
  data: OrderCreatedData,
  deliveryInstructions: string | null = null,
): { v1: Envelope; v2: Envelope<EventData<typeof OrderCreatedV2>> } {
  return orderCreatedPair(
    { ...data, deliveryInstructions },
    { correlationId: data.orderId, causationId: null },
  );
}
