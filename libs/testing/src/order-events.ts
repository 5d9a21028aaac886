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

/** The first event of an order: correlated by the order id, caused by nothing. */
export function orderCreatedEventFor(data: OrderCreatedData): Envelope<OrderCreatedData> {
  return buildEvent(OrderCreatedV1, data, { correlationId: data.orderId, causationId: null });
}

/** The cancellation of an order (from its order.created data). */
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

/** The same event again under a new message id (a producer that republished it). */
export function withNewMessageId<T>(envelope: Envelope<T>): Envelope<T> {
  return { ...envelope, messageId: randomUUID() };
}
