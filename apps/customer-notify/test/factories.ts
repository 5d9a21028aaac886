import { randomUUID } from 'node:crypto';
import { buildEvent, RiderAssignedV1, type Envelope, type EventData } from '@dinner-rush/contracts';
import type { OrderCreatedData } from '@dinner-rush/testing';

export { orderCancelledEvent, orderCreatedData, orderCreatedEvent } from '@dinner-rush/testing';

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
