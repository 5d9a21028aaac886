import type { MessageHandlerOptions, RabbitMQExchangeConfig } from '@golevelup/nestjs-rabbitmq';
import { Exchanges } from '@dinner-rush/contracts';

/** The replay exchange, declared by every service that sends or receives replays. */
export const replayExchange: RabbitMQExchangeConfig = {
  name: Exchanges.orderReplay,
  type: 'direct',
  options: { durable: true },
};

/**
 * Also binds a consumer's queue to `orders.replay` under the queue's own name,
 * so archived events order-service replays for this queue (and only those)
 * arrive beside the live ones. They keep their original message ids, so the
 * inbox makes an event seen both live and replayed count once.
 */
export function withReplay(subscription: MessageHandlerOptions): MessageHandlerOptions {
  const queue = subscription.queue;
  if (!queue) throw new Error('a replay binding needs a named queue');
  return {
    ...subscription,
    bindings: [
      ...(subscription.bindings ?? []),
      { exchange: Exchanges.orderReplay, routingKey: queue },
    ],
  };
}
