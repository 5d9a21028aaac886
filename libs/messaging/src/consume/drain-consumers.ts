import type { AmqpConnection } from '@golevelup/nestjs-rabbitmq';

/**
 * Cancels every consumer, then waits for the handlers already running, so
 * in-flight work commits and acks before the database and broker close.
 * golevelup's own shutdown hook runs only in the last phase and cancels
 * through the channel wrappers, which do not know golevelup's consumers (they
 * are registered on the raw channel): its public cancelConsumer() does. The
 * set of running handlers is golevelup's private state, read here, never changed.
 */
export async function drainConsumers(amqp: AmqpConnection): Promise<void> {
  await Promise.all(
    amqp.consumerTags.map((tag) => amqp.cancelConsumer(tag).catch(() => undefined)),
  );
  const running = (amqp as unknown as { outstandingMessageProcessing?: Set<Promise<unknown>> })
    .outstandingMessageProcessing;
  if (running && running.size > 0) await Promise.allSettled([...running]);
}
