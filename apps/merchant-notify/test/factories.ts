import { randomUUID } from 'node:crypto';
import type { Envelope, EventData, OrderCreatedV2 } from '@dinner-rush/contracts';
import {
  orderCreatedData as anOrder,
  orderCreatedEventFor,
  orderCreatedPairFor,
  type OrderCreatedData,
} from '@dinner-rush/testing';

export type { OrderCreatedData };
export { orderCancelledEvent } from '@dinner-rush/testing';

/** A merchant id no other test uses, so every test reads only its own notifications. */
export function aMerchantId(): string {
  return `merchant-${randomUUID().slice(0, 8)}`;
}

/** The shared order, for a merchant of its own (and a customer id the privacy test looks for). */
export function orderCreatedData(overrides: Partial<OrderCreatedData> = {}): OrderCreatedData {
  return anOrder({ merchantId: aMerchantId(), customerId: 'customer-1', ...overrides });
}

export function orderCreatedEvent(
  overrides: Partial<OrderCreatedData> = {},
): Envelope<OrderCreatedData> {
  return orderCreatedEventFor(orderCreatedData(overrides));
}

/** The order as a v2-aware reader handles it (the v2 twin order-service publishes). */
export function orderCreatedV2Event(
  overrides: Partial<OrderCreatedData> = {},
  deliveryInstructions: string | null = null,
): Envelope<EventData<typeof OrderCreatedV2>> {
  return orderCreatedPairFor(orderCreatedData(overrides), deliveryInstructions).v2;
}
