import type { RabbitMQExchangeConfig, RabbitMQQueueConfig } from '@golevelup/nestjs-rabbitmq';
import { randomUUID } from 'node:crypto';
import { buildEvent, consumerQueue } from '@dinner-rush/contracts';
import type { OutgoingMessage } from '@dinner-rush/messaging';
import { DELIVERY_TIMER_EXCHANGE, DeliveryDueV2 } from './delivery-due';

/**
 * Simulated deliveries are a broker delay, not a timer in this process: a
 * delivery-due message, published to the delivery-timer exchange under the
 * delay queue's name, waits out its TTL in that queue (nobody consumes it), then is
 * dead-lettered to the timers exchange and lands in the deliveries work queue.
 * It survives restarts and works the same with any number of replicas.
 * Rides started by one batch share one message.
 */
export const DELIVERY_TIMERS_EXCHANGE = 'rider-assignment.timers';
export const DELIVERY_DUE_ROUTING_KEY = 'delivery-due';
export const DeliveriesQueue = consumerQueue('rider-assignment', 'deliveries');

/** The delay is part of the name: queue arguments cannot change, a new delay gets a new queue. */
export function deliveryTimerQueue(delayMs: number): string {
  return `rider-assignment.delivery-timer.${delayMs}ms`;
}

export function deliveryTimerTopology(delayMs: number): {
  extraExchanges: RabbitMQExchangeConfig[];
  extraQueues: RabbitMQQueueConfig[];
} {
  return {
    extraExchanges: [
      { name: DELIVERY_TIMER_EXCHANGE, type: 'direct', options: { durable: true } },
      { name: DELIVERY_TIMERS_EXCHANGE, type: 'direct', options: { durable: true } },
    ],
    extraQueues: [
      {
        name: deliveryTimerQueue(delayMs),
        exchange: DELIVERY_TIMER_EXCHANGE,
        routingKey: deliveryTimerQueue(delayMs),
        options: {
          durable: true,
          arguments: {
            'x-queue-type': 'quorum',
            'x-message-ttl': delayMs,
            'x-dead-letter-exchange': DELIVERY_TIMERS_EXCHANGE,
            'x-dead-letter-routing-key': DELIVERY_DUE_ROUTING_KEY,
            'x-dead-letter-strategy': 'at-least-once',
            'x-overflow': 'reject-publish',
          },
        },
      },
    ],
  };
}

/**
 * One timer for every ride a batch started, written to the outbox in the same
 * transaction as the assignments. It belongs to no single order, so it has a
 * correlation of its own (and no cause: several messages caused it).
 */
export function deliveryTimer(
  rides: readonly { orderId: string; riderId: string }[],
  delayMs: number,
): OutgoingMessage {
  return {
    exchange: DeliveryDueV2.exchange,
    routingKey: deliveryTimerQueue(delayMs),
    envelope: buildEvent(
      DeliveryDueV2,
      { rides: rides.map(({ orderId, riderId }) => ({ orderId, riderId })) },
      { correlationId: randomUUID(), causationId: null },
    ),
  };
}
