import { randomUUID } from 'node:crypto';
import {
  buildEvent,
  OrderCancelledV1,
  OrderCreatedV1,
  type Envelope,
  type EventData,
} from '@dinner-rush/contracts';

export type OrderCreatedData = EventData<typeof OrderCreatedV1>;
export type OrderCancelledData = EventData<typeof OrderCancelledV1>;

/** A merchant id no other test uses, so every test reads only its own notifications. */
export function aMerchantId(): string {
  return `merchant-${randomUUID().slice(0, 8)}`;
}

export function orderCreatedData(overrides: Partial<OrderCreatedData> = {}): OrderCreatedData {
  return {
    orderId: randomUUID(),
    customerId: 'customer-1',
    merchantId: aMerchantId(),
    merchantName: 'Curry Corner',
    merchantLocation: { lat: 52.5206, lng: 13.4094 },
    items: [
      {
        menuItemId: 'curry-wurst',
        name: 'Currywurst',
        quantity: 2,
        unitPriceCents: 450,
        lineTotalCents: 900,
      },
    ],
    itemsTotalCents: 900,
    deliveryFeeCents: 250,
    totalCents: 1150,
    currency: 'EUR',
    deliveryAddress: { line1: 'Alexanderplatz 1', lat: 52.5219, lng: 13.4132 },
    placedAt: new Date().toISOString(),
    ...overrides,
  };
}

export function orderCreatedEvent(
  overrides: Partial<OrderCreatedData> = {},
): Envelope<OrderCreatedData> {
  const data = orderCreatedData(overrides);
  return buildEvent(OrderCreatedV1, data, { correlationId: data.orderId, causationId: null });
}

/** The cancellation of `order` (an order.created event's data). */
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
