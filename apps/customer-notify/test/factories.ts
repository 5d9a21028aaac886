import { randomUUID } from 'node:crypto';
import { buildEvent, RiderAssignedV1, type Envelope, type EventData } from '@dinner-rush/contracts';
import { orderCreatedEventFor, type OrderCreatedData } from '@dinner-rush/testing';

export { orderCancelledEvent } from '@dinner-rush/testing';

/** A valid order (fresh ids every call), as order-service would publish it. */
export function orderCreatedData(overrides: Partial<OrderCreatedData> = {}): OrderCreatedData {
  return {
    orderId: randomUUID(),
    customerId: `customer-${randomUUID().slice(0, 8)}`,
    merchantId: 'merchant-1',
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
  return orderCreatedEventFor(orderCreatedData(overrides));
}

/** rider-assignment's report that a rider took the order. */
export function riderAssignedEvent(
  order: Pick<OrderCreatedData, 'orderId'>,
  overrides: Partial<EventData<typeof RiderAssignedV1>> = {},
): Envelope<EventData<typeof RiderAssignedV1>> {
  return buildEvent(
    RiderAssignedV1,
    {
      orderId: order.orderId,
      riderId: 'rider-7',
      riderName: 'Rosa',
      distanceKm: 1.26,
      waitedMs: 0,
      ...overrides,
    },
    { correlationId: order.orderId, causationId: randomUUID() },
  );
}
