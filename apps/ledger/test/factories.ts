import { randomUUID } from 'node:crypto';
import {
  buildEvent,
  OrderCancelledV1,
  OrderCreatedV1,
  type Envelope,
  type EventData,
} from '@dinner-rush/contracts';

export type OrderCreatedData = EventData<typeof OrderCreatedV1>;

let sequence = 0;

/** A valid order.created.v1 payload; prices are derived so that the total is consistent. */
export function orderCreatedData(
  overrides: { unitPriceCents?: number; quantity?: number; deliveryFeeCents?: number } = {},
): OrderCreatedData {
  const n = ++sequence;
  const unitPriceCents = overrides.unitPriceCents ?? 1_000 + n * 37;
  const quantity = overrides.quantity ?? 1 + (n % 3);
  const deliveryFeeCents = overrides.deliveryFeeCents ?? 299;
  const itemsTotalCents = unitPriceCents * quantity;
  return {
    orderId: randomUUID(),
    customerId: `customer-${n}`,
    merchantId: `merchant-${n % 4}`,
    merchantName: `Test Kitchen ${n % 4}`,
    merchantLocation: { lat: 52.52, lng: 13.405 },
    items: [
      {
        menuItemId: `item-${n}`,
        name: `Dish ${n}`,
        quantity,
        unitPriceCents,
        lineTotalCents: itemsTotalCents,
      },
    ],
    itemsTotalCents,
    deliveryFeeCents,
    totalCents: itemsTotalCents + deliveryFeeCents,
    currency: 'EUR',
    deliveryAddress: { line1: `${n} Teststraße`, lat: 52.51, lng: 13.41 },
    placedAt: new Date().toISOString(),
  };
}

/** The first event of an order: correlated by the order id, caused by nothing. */
export function orderCreatedEvent(data: OrderCreatedData = orderCreatedData()): Envelope {
  return buildEvent(OrderCreatedV1, data, { correlationId: data.orderId, causationId: null });
}

export function orderCancelledEvent(order: OrderCreatedData): Envelope {
  return buildEvent(
    OrderCancelledV1,
    {
      orderId: order.orderId,
      merchantId: order.merchantId,
      customerId: order.customerId,
      reason: 'customer changed their mind',
      cancelledAt: new Date().toISOString(),
    },
    { correlationId: order.orderId, causationId: null },
  );
}

/** The same event again under a new message id (e.g. a producer that republished it). */
export function withNewMessageId(envelope: Envelope): Envelope {
  return { ...envelope, messageId: randomUUID() };
}
