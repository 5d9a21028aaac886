import type { RabbitMQExchangeConfig, RabbitMQQueueConfig } from '@golevelup/nestjs-rabbitmq';
import { buildEvent, consumerQueue, type EnvelopeLineage } from '@dinner-rush/contracts';
import type { OutgoingMessage } from '@dinner-rush/messaging';
import { DeliveryDueV1 } from './delivery-due.v1';

/**
 * Simulated deliveries are a broker delay, not a timer in this process: a
 * delivery-due message waits out its TTL in a queue nobody consumes, then is
 * dead-lettered to the timers exchange and lands in the deliveries work queue.
 * It survives restarts and works the same with any number of replicas.
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
      { name: DELIVERY_TIMERS_EXCHANGE, type: 'direct', options: { durable: true } },
    ],
    extraQueues: [
      {
        name: deliveryTimerQueue(delayMs),
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

/** The timer for one ride, written to the outbox in the same transaction as the assignment. */
export function deliveryTimer(
  data: { orderId: string; riderId: string },
  lineage: EnvelopeLineage,
  delayMs: number,
): OutgoingMessage {
  return {
    exchange: DeliveryDueV1.exchange,
    routingKey: deliveryTimerQueue(delayMs),
    envelope: buildEvent(DeliveryDueV1, data, lineage),
  };
}
