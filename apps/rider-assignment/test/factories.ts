import { buildEvent, type Envelope, type GeoPoint } from '@dinner-rush/contracts';
import {
  orderCreatedData as anOrder,
  orderCreatedEventFor,
  type OrderCreatedData,
} from '@dinner-rush/testing';

export type { OrderCreatedData };
import { DeliveryDueV1 } from '../src/dispatch/delivery-due';

export { orderCancelledEvent, withNewMessageId } from '@dinner-rush/testing';

/** The first event of an order (a fresh one by default). */
export function orderCreatedEvent(data: OrderCreatedData = orderCreatedData()) {
  return orderCreatedEventFor(data);
}

/** The shared order, from a merchant at `merchantLocation` (Berlin centre by default). */
export function orderCreatedData(
  merchantLocation: GeoPoint = { lat: 52.52, lng: 13.405 },
): OrderCreatedData {
  return anOrder({ merchantLocation });
}

/** What the delay queue would dead-letter when a ride's time is up (for tests that play the timer). */
export function deliveryDueEvent(orderId: string, riderId: string): Envelope {
  return buildEvent(
    DeliveryDueV1,
    { orderId, riderId },
    { correlationId: orderId, causationId: null },
  );
}
