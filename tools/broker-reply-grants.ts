import { replyQueuePrefix, RPC_REPLY_EXCHANGE, type RpcDefinition } from '@dinner-rush/contracts';
import type { BrokerFootprint } from './broker-footprint';
import { escape } from './broker-grants';
import type { TopicPermission } from './broker-topic-grants';

/**
 * Routing keys on the reply exchange (a topic exchange, so RabbitMQ checks
 * them): an asker may bind only its own reply queues, and a responder may
 * publish only to the reply queues of the services that ask what it answers.
 * So a responder cannot answer anyone else, and nobody else can answer at all.
 */
export function replyTopicGrant(
  footprint: BrokerFootprint,
  askersOf: (rpc: RpcDefinition) => readonly string[],
): TopicPermission {
  return {
    exchange: RPC_REPLY_EXCHANGE,
    write: replyQueuesOf(footprint.answers.flatMap(askersOf)),
    read: replyQueuesOf(footprint.asks ? [footprint.asks.service] : []),
  };
}

/** Every reply queue name of these services ('^$' for none): see replyQueueName. */
function replyQueuesOf(services: readonly string[]): string {
  const prefixes = [...new Set(services)].sort().map((s) => escape(replyQueuePrefix(s)));
  return prefixes.length === 0 ? '^$' : `^(${prefixes.join('|')})[a-z0-9]+$`;
}
