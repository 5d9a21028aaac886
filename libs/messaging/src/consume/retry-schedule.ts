import type { RabbitMQExchangeConfig, RabbitMQQueueConfig } from '@golevelup/nestjs-rabbitmq';
import type { ConsumerQueueNames } from '@dinner-rush/contracts';
import { workQueueArguments } from '../topology/consumer-subscription';

/**
 * Exponential backoff as broker topology: one delay queue per step, each with
 * a fixed TTL, dead-lettering back to the work queue when it expires, through
 * the queue's own retry exchange (not the default exchange, whose write
 * permission would let a service publish into any queue). A
 * message waiting out its delay sits in its own queue, so it never holds up
 * the messages behind it. The steps are part of the queue names because queue
 * arguments cannot change once declared.
 */
export const RETRY_DELAYS_MS: readonly number[] = [1_000, 5_000, 25_000];
const LONGEST_DELAY_MS = 25_000;

/** The delay before retry number `retry` (1-based); the last step repeats. */
export function retryDelayMs(retry: number): number {
  return RETRY_DELAYS_MS[Math.max(retry, 1) - 1] ?? LONGEST_DELAY_MS;
}

export function retryQueueName(names: ConsumerQueueNames, delayMs: number): string {
  return `${names.queue}.delay.${delayMs}ms`;
}

/** The routing key on the retry exchange that leads back to the work queue. */
export const RETRY_DUE_ROUTING_KEY = 'due';

/** The routing key that picks a delay step on the queue's retry exchange. */
export function retryRoutingKey(delayMs: number): string {
  return `${delayMs}ms`;
}

/** The retry exchange, its delay queues, and the work queue's binding to take messages back. */
export function retryTopology(names: ConsumerQueueNames): {
  exchanges: RabbitMQExchangeConfig[];
  queues: RabbitMQQueueConfig[];
} {
  return {
    exchanges: [{ name: names.retryExchange, type: 'direct', options: { durable: true } }],
    queues: [
      {
        name: names.queue,
        exchange: names.retryExchange,
        routingKey: RETRY_DUE_ROUTING_KEY,
        options: { durable: true, arguments: workQueueArguments(names) },
      },
      ...RETRY_DELAYS_MS.map((delayMs) => ({
        name: retryQueueName(names, delayMs),
        exchange: names.retryExchange,
        routingKey: retryRoutingKey(delayMs),
        options: {
          durable: true,
          arguments: {
            'x-queue-type': 'quorum',
            'x-message-ttl': delayMs,
            // Back to the work queue through its retry exchange, at least once.
            'x-dead-letter-exchange': names.retryExchange,
            'x-dead-letter-routing-key': RETRY_DUE_ROUTING_KEY,
            'x-dead-letter-strategy': 'at-least-once',
            'x-overflow': 'reject-publish',
          },
        },
      })),
    ],
  };
}
