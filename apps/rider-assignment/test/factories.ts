import { randomUUID } from 'node:crypto';
import {
  buildEvent,
  OrderCancelledV1,
  OrderCreatedV1,
  type Envelope,
  type EventData,
  type GeoPoint,
} from '@dinner-rush/contracts';
import { DeliveryDueV1 } from '../src/dispatch/delivery-due.v1';

export type OrderCreatedData = EventData<typeof OrderCreatedV1>;

let sequence = 0;

/** A valid order.created.v1 payload for a merchant at `merchantLocation` (Berlin centre by default). */
export function orderCreatedData(
  merchantLocation: GeoPoint = { lat: 52.52, lng: 13.405 },
): OrderCreatedData {
  const n = ++sequence;
  const unitPriceCents = 900 + n;
  return {
    orderId: randomUUID(),
    customerId: `customer-${n}`,
    merchantId: `merchant-${n % 3}`,
    merchantName: `Test Kitchen ${n % 3}`,
    merchantLocation,
    items: [
      {
        menuItemId: `item-${n}`,
        name: `Dish ${n}`,
        quantity: 1,
        unitPriceCents,
        lineTotalCents: unitPriceCents,
      },
    ],
    itemsTotalCents: unitPriceCents,
    deliveryFeeCents: 299,
    totalCents: unitPriceCents + 299,
    currency: 'EUR',
    deliveryAddress: { line1: `${n} Teststraße`, lat: 52.51, lng: 13.41 },
    placedAt: new Date().toISOString(),
  };
}

/** The first event of an order: correlated by the order id, caused by nothing. */
export function orderCreatedEvent(data: OrderCreatedData = orderCreatedData()): Envelope {
  return buildEvent(OrderCreatedV1, data, { correlationId: data.orderId, causationId: null });
}

export function orderCancelledEvent(
  order: Pick<OrderCreatedData, 'orderId' | 'merchantId' | 'customerId'>,
): Envelope {
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

/** What the delay queue would dead-letter when a ride's time is up (for tests that play the timer). */
export function deliveryDueEvent(orderId: string, riderId: string): Envelope {
  return buildEvent(
    DeliveryDueV1,
    { orderId, riderId },
    { correlationId: orderId, causationId: null },
  );
}

/** The same event again under a new message id (a producer that republished it). */
export function withNewMessageId(envelope: Envelope): Envelope {
  return { ...envelope, messageId: randomUUID() };
}
