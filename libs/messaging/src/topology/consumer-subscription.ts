import type { MessageHandlerOptions } from '@golevelup/nestjs-rabbitmq';
import type { ConsumerQueueNames } from '@dinner-rush/contracts';

/** The channel consumers use; its prefetch is each service's PREFETCH setting. */
export const CONSUMER_CHANNEL = 'consumer';

/** Redeliveries a quorum queue allows before it dead-letters a message itself. */
export const DELIVERY_LIMIT = 10;

/**
 * A dead-letter queue's delivery limit. It has no dead-letter exchange of its
 * own, so a message past the limit would be dropped, and RabbitMQ 4 gives every
 * quorum queue a limit of 20 unless told otherwise: an operator inspecting the
 * queue (each look a redelivery) must never lose a dead letter. Effectively no
 * limit: RabbitMQ 4's "-1 means unlimited" is refused by 3.x.
 */
export const DEAD_LETTER_DELIVERY_LIMIT = 1_000_000;

/** Arguments of a consumer's dead-letter queue: quorum, with the limit above. */
export function deadLetterQueueArguments(): Record<string, unknown> {
  return { 'x-queue-type': 'quorum', 'x-delivery-limit': DEAD_LETTER_DELIVERY_LIMIT };
}

/**
 * Arguments of a consumer's work queue: quorum (replicated, delivery limit) and
 * dead-lettering that is itself at-least-once (RabbitMQ 3.10+).
 */
export function workQueueArguments(names: ConsumerQueueNames): Record<string, unknown> {
  return {
    'x-queue-type': 'quorum',
    'x-delivery-limit': DELIVERY_LIMIT,
    'x-dead-letter-exchange': names.deadLetterExchange,
    'x-dead-letter-strategy': 'at-least-once',
    'x-overflow': 'reject-publish',
  };
}

/**
 * Options for @RabbitSubscribe: declares the service's own durable quorum queue
 * and binds it to just the routing keys it needs. ConsumerRegistrar installs
 * the failure policy (delay-queue retries, dead-lettering) when it subscribes.
 */
export function consumerSubscription(
  names: ConsumerQueueNames,
  exchange: string,
  routingKeys: readonly string[],
): MessageHandlerOptions {
  return {
    exchange,
    routingKey: [...routingKeys],
    queue: names.queue,
    createQueueIfNotExists: true,
    queueOptions: {
      durable: true,
      arguments: workQueueArguments(names),
      channel: CONSUMER_CHANNEL,
    },
  };
}
