import { randomUUID } from 'node:crypto';
import {
  buildEvent,
  createEnvelope,
  RiderAssignedV1,
  RiderDeliveredV1,
} from '@dinner-rush/contracts';

/** A valid POST /orders body for the seeded Curry 36 (2 × 390 + 1 × 320 = 1100 cents). */
export function orderRequest(overrides: Record<string, unknown> = {}) {
  return {
    customerId: `c-${randomUUID().slice(0, 8)}`,
    merchantId: 'm-curry-36',
    items: [
      { menuItemId: 'i-curry-36-currywurst', quantity: 2 },
      { menuItemId: 'i-curry-36-pommes', quantity: 1 },
    ],
    deliveryAddress: { line1: 'Alexanderplatz 1, 10178 Berlin', lat: 52.5219, lng: 13.4132 },
    ...overrides,
  };
}

const lineage = (orderId: string) => ({ correlationId: orderId, causationId: randomUUID() });

export function riderAssigned(orderId: string, occurredAt?: Date) {
  return buildEvent(
    RiderAssignedV1,
    { orderId, riderId: 'r-7', riderName: 'Rita', distanceKm: 1.2, waitedMs: 0 },
    lineage(orderId),
    occurredAt,
  );
}

export function riderDelivered(orderId: string, occurredAt?: Date) {
  return buildEvent(RiderDeliveredV1, { orderId, riderId: 'r-7' }, lineage(orderId), occurredAt);
}

/** A status event no contract defines yet: tracking must show it anyway. */
export function customerNotified(orderId: string, occurredAt?: Date) {
  return createEnvelope(
    'customer.notified.v1',
    1,
    { orderId, channel: 'sms', template: 'order-on-its-way' },
    lineage(orderId),
    occurredAt,
  );
}
