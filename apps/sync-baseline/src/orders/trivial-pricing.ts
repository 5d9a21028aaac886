import { randomUUID } from 'node:crypto';
import type { EventData, OrderCreatedV1, PlaceOrderRequest } from '@dinner-rush/contracts';

export type OrderCreatedData = EventData<typeof OrderCreatedV1>;

export interface TrivialPrices {
  itemPriceCents: number;
  deliveryFeeCents: number;
}

/**
 * The order.created.v1 data for a request, priced trivially: every item costs
 * the same and the merchant is placed at the delivery address. The baseline
 * must not depend on order-service (whose catalogue is its own), and prices do
 * not change what the comparison measures: the same downstream handlers run
 * the same transactions whatever the amounts, and order-service prices from
 * memory in microseconds.
 */
export function trivialOrder(
  request: PlaceOrderRequest,
  prices: TrivialPrices,
  now: Date = new Date(),
): OrderCreatedData {
  const items = request.items.map((item) => ({
    menuItemId: item.menuItemId,
    name: item.menuItemId,
    quantity: item.quantity,
    unitPriceCents: prices.itemPriceCents,
    lineTotalCents: prices.itemPriceCents * item.quantity,
  }));
  const itemsTotalCents = items.reduce((sum, item) => sum + item.lineTotalCents, 0);
  return {
    orderId: randomUUID(),
    customerId: request.customerId,
    merchantId: request.merchantId,
    merchantName: request.merchantId,
    merchantLocation: { lat: request.deliveryAddress.lat, lng: request.deliveryAddress.lng },
    items,
    itemsTotalCents,
    deliveryFeeCents: prices.deliveryFeeCents,
    totalCents: itemsTotalCents + prices.deliveryFeeCents,
    currency: 'EUR',
    deliveryAddress: request.deliveryAddress,
    placedAt: now.toISOString(),
  };
}
