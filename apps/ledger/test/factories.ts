import {
  orderCreatedData as anOrder,
  orderCreatedEventFor,
  orderLine,
  type OrderCreatedData,
} from '@dinner-rush/testing';

export type { OrderCreatedData };
export { orderCancelledEvent, withNewMessageId } from '@dinner-rush/testing';

/** The first event of an order (a fresh one by default). */
export function orderCreatedEvent(data: OrderCreatedData = orderCreatedData()) {
  return orderCreatedEventFor(data);
}

let sequence = 0;

/**
 * The shared order with prices that differ from one order to the next, over
 * four merchants, so sums and per-merchant accounts are tested with more than
 * one figure; totals stay consistent (the shared builder derives them).
 */
export function orderCreatedData(
  overrides: { unitPriceCents?: number; quantity?: number; deliveryFeeCents?: number } = {},
): OrderCreatedData {
  const n = ++sequence;
  return anOrder({
    customerId: `customer-${n}`,
    merchantId: `merchant-${n % 4}`,
    merchantName: `Test Kitchen ${n % 4}`,
    items: [
      orderLine({
        menuItemId: `item-${n}`,
        name: `Dish ${n}`,
        unitPriceCents: overrides.unitPriceCents ?? 1_000 + n * 37,
        quantity: overrides.quantity ?? 1 + (n % 3),
      }),
    ],
    deliveryFeeCents: overrides.deliveryFeeCents ?? 299,
  });
}
