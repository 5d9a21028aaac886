import type { MessageHandlerOptions, RabbitMQQueueConfig } from '@golevelup/nestjs-rabbitmq';
import type { KeptQueue } from './topology-keeper';

/** A configured queue (dead-letter, delay, a service's own) as the TopologyKeeper declares it. */
export function keptQueue(config: RabbitMQQueueConfig): KeptQueue {
  if (!config.name) throw new Error('a configured queue needs a name');
  return {
    name: config.name,
    options: config.options,
    bindings: bindingsOf(config.exchange, config.routingKey),
  };
}

/**
 * A subscription split in two: the queue and its bindings for the
 * TopologyKeeper, and what golevelup still does on the consuming channel on
 * every (re)connect (declare the queue, consume), with no bindings left to
 * hold that channel up. A server-named queue keeps its bindings: only
 * golevelup knows its name.
 */
export function splitSubscription(meta: MessageHandlerOptions): {
  subscription: MessageHandlerOptions;
  queue?: KeptQueue;
} {
  if (!meta.queue) return { subscription: meta };
  // routingKey stays: golevelup binds only with an exchange, and an RPC responder matches requests by it.
  const { exchange, bindings = [], ...subscription } = meta;
  const kept = [
    ...bindingsOf(exchange, meta.routingKey),
    ...bindings.flatMap((binding) => bindingsOf(binding.exchange, binding.routingKey)),
  ];
  if (kept.length === 0) return { subscription: meta };
  return {
    subscription,
    queue: { name: meta.queue, options: meta.queueOptions, bindings: kept },
  };
}

function bindingsOf(
  exchange: string | undefined,
  routingKey: string | string[] | undefined,
): KeptQueue['bindings'] {
  if (!exchange) return [];
  return [routingKey ?? '']
    .flat()
    .filter((key): key is string => key != null)
    .map((key) => ({ exchange, routingKey: key }));
}
