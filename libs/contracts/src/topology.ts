/**
 * Exchange and queue names are part of the contract between services: the
 * producer owns the exchange, each consumer owns its queue and dead-letter pair.
 */
export const Exchanges = {
  /** Facts about orders, published by order-service (order.created.v1 and .v2, order.cancelled.v1). */
  orders: 'orders',
  /** Progress reports about an order, published by any downstream service. */
  orderStatus: 'orders.status',
  /**
   * Archived order events re-sent to one consumer (direct, routed by queue
   * name): order-service publishes here on request, and every consumer queue
   * that wants history is also bound here under its own name.
   */
  orderReplay: 'orders.replay',
  /** Requests order-service sends (delivery quotes), routed by the responder's queue name. */
  orderRequests: 'orders.requests',
  /**
   * Answers to requests (topic, routed by the asker's reply queue name): the
   * one exchange a responder may write its replies to, instead of the
   * default exchange, whose write permission reaches every queue.
   */
  rpcReplies: 'rpc.replies',
} as const;

export interface ConsumerQueueNames {
  readonly queue: string;
  readonly deadLetterExchange: string;
  readonly deadLetterQueue: string;
  /** Routes a failed message to one of the queue's delay queues, which hand it back later. */
  readonly retryExchange: string;
}

/**
 * The naming rule every consumer follows: `<service>.<purpose>` plus `.dlx` /
 * `.dlq` / `.retry`. Everything a service owns starts with its name, which is
 * what its broker permissions grant.
 */
export function consumerQueue(service: string, purpose: string): ConsumerQueueNames {
  return consumerQueueNamed(`${service}.${purpose}`);
}

/** The same names derived from the work queue's name alone. */
export function consumerQueueNamed(queue: string): ConsumerQueueNames {
  return {
    queue,
    deadLetterExchange: `${queue}.dlx`,
    deadLetterQueue: `${queue}.dlq`,
    retryExchange: `${queue}.retry`,
  };
}

/** The service that owns a queue, read back from the naming rule (`<service>.<purpose>…`). */
export function serviceOfQueue(queue: string): string {
  return queue.split('.')[0] ?? queue;
}

export const Queues = {
  riderAssignment: consumerQueue('rider-assignment', 'orders'),
  merchantNotify: consumerQueue('merchant-notify', 'orders'),
  ledger: consumerQueue('ledger', 'orders'),
  orderTracking: consumerQueue('order-service', 'status'),
  customerNotify: consumerQueue('customer-notify', 'orders'),
} as const;
