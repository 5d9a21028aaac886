import { randomUUID } from 'node:crypto';
import { buildEvent, type Envelope, type GeoPoint } from '@dinner-rush/contracts';
import { orderCreatedEventFor, type OrderCreatedData } from '@dinner-rush/testing';

export type { OrderCreatedData };
import { DeliveryDueV1 } from '../src/dispatch/delivery-due.v1';

export { orderCancelledEvent, withNewMessageId } from '@dinner-rush/testing';

/** The first event of an order (a fresh one by default). */
export function orderCreatedEvent(data: OrderCreatedData = orderCreatedData()) {
  return orderCreatedEventFor(data);
}

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

/** What the delay queue would dead-letter when a ride's time is up (for tests that play the timer). */
export function deliveryDueEvent(orderId: string, riderId: string): Envelope {
  return buildEvent(
    DeliveryDueV1,
    { orderId, riderId },
    { correlationId: orderId, causationId: null },
  );
}
