/**
 * Exchange and queue names are part of the contract between services: the
 * producer owns the exchange, each consumer owns its queue and dead-letter pair.
 */
export const Exchanges = {
  /** Facts about orders, published by order-service (order.created.v1, order.cancelled.v1). */
  orders: 'orders',
  /** Progress reports about an order, published by any downstream service. */
  orderStatus: 'orders.status',
} as const;

export interface ConsumerQueueNames {
  readonly queue: string;
  readonly deadLetterExchange: string;
  readonly deadLetterQueue: string;
}

/** The naming rule every consumer follows: `<service>.<purpose>` plus `.dlx` / `.dlq`. */
export function consumerQueue(service: string, purpose: string): ConsumerQueueNames {
  const queue = `${service}.${purpose}`;
  return { queue, deadLetterExchange: `${queue}.dlx`, deadLetterQueue: `${queue}.dlq` };
}

export const Queues = {
  riderAssignment: consumerQueue('rider-assignment', 'orders'),
  merchantNotify: consumerQueue('merchant-notify', 'orders'),
  ledger: consumerQueue('ledger', 'orders'),
  orderTracking: consumerQueue('order-service', 'status'),
} as const;
