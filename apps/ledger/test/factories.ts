import { randomUUID } from 'node:crypto';
import { orderCreatedEventFor, type OrderCreatedData } from '@dinner-rush/testing';

export type { OrderCreatedData };
export { orderCancelledEvent, withNewMessageId } from '@dinner-rush/testing';

/** The first event of an order (a fresh one by default). */
export function orderCreatedEvent(data: OrderCreatedData = orderCreatedData()) {
  return orderCreatedEventFor(data);
}

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
