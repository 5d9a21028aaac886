import { RabbitSubscribe, type MessageHandlerOptions } from '@golevelup/nestjs-rabbitmq';
import { applyDecorators, SetMetadata } from '@nestjs/common';
import type { ConsumerQueueNames, EventDefinition } from '@dinner-rush/contracts';
import type { z } from 'zod';
import { consumerSubscription } from '../topology/consumer-subscription';
import { withReplay } from '../replay/replay-binding';
import { AcceptedEvents } from './accepted-events';

/** Metadata key of a batch consumer method (beside golevelup's own subscription metadata). */
export const BATCH_CONSUMER = 'dinner-rush:batch-consumer';

/** A work queue consumed in batches: where it is bound, and what it accepts. */
export interface BatchConsumer {
  queue: ConsumerQueueNames;
  accepts: AcceptedEvents;
  /** golevelup's view of the same subscription: the queue, its arguments and bindings. */
  subscription: MessageHandlerOptions;
}

/**
 * Marks the method that applies a work queue's messages, a batch at a time:
 * `(batch: readonly BatchMessage[]) => Promise<void>`. libs/messaging
 * subscribes it (ConsumerRegistrar): each message is validated against
 * `accepts` on its own (a bad one is dead-lettered alone), waits out the
 * consumer's pace, then joins a batch; the method applies the batch, usually
 * with applyBatchExactlyOnce, and every message it did not reject is acked.
 */
export function ConsumeBatches(consumer: BatchConsumer): MethodDecorator {
  return applyDecorators(
    SetMetadata(BATCH_CONSUMER, consumer),
    RabbitSubscribe(consumer.subscription),
  );
}

/**
 * A queue bound to each event's own exchange under its type, accepting exactly
 * those events. With `replay`, also bound to `orders.replay` (see withReplay).
 */
export function eventConsumer(
  queue: ConsumerQueueNames,
  events: readonly EventDefinition[],
  options: { replay?: boolean } = {},
): BatchConsumer {
  const exchange = events[0]?.exchange;
  if (exchange === undefined) {
    throw new Error(`${queue.queue}: an event consumer needs at least one event`);
  }
  const onOthers = events.filter((event) => event.exchange !== exchange);
  const subscription: MessageHandlerOptions = {
    ...consumerSubscription(
      queue,
      exchange,
      events.filter((event) => event.exchange === exchange).map((event) => event.type),
    ),
    bindings: onOthers.map((event) => ({ exchange: event.exchange, routingKey: event.type })),
  };
  return {
    queue,
    accepts: AcceptedEvents.of(events),
    subscription: options.replay ? withReplay(subscription) : subscription,
  };
}

/**
 * A queue bound by routing-key patterns on one exchange, for consumers that
 * take more than they name: every status event ('#'), or a private timer.
 */
export function patternConsumer(
  queue: ConsumerQueueNames,
  binding: { exchange: string; routingKeys: readonly string[] },
  accepts: readonly EventDefinition[] | { anyTypeWithData: z.ZodType },
): BatchConsumer {
  return {
    queue,
    accepts:
      'anyTypeWithData' in accepts
        ? AcceptedEvents.anyType(accepts.anyTypeWithData)
        : AcceptedEvents.of(accepts),
    subscription: consumerSubscription(queue, binding.exchange, binding.routingKeys),
  };
}
