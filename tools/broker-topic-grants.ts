import type { EventDefinition } from '@dinner-rush/contracts';
import type { BrokerFootprint } from './broker-footprint';
import { escape } from './broker-grants';

/**
 * A RabbitMQ topic permission on one topic exchange: regular expressions over
 * routing keys, checked on publish (write) and on queue.bind (read).
 */
export interface TopicPermission {
  exchange: string;
  write: string;
  read: string;
}

/**
 * Routing-key least privilege on every topic exchange: a service may publish
 * only the types of the events it produces and bind only with the keys its
 * own queues use. The exchange-level grant already says which exchanges it
 * may touch at all; this says what it may say there.
 */
export function topicGrantsFor(
  footprint: BrokerFootprint,
  events: readonly EventDefinition[],
  topicExchanges: readonly string[],
): TopicPermission[] {
  return [...topicExchanges].sort().map((exchange) => ({
    exchange,
    write: exactly(events.filter((e) => e.exchange === exchange).map((e) => e.type)),
    read: exactly(
      footprint.bindings.filter((b) => b.exchange === exchange).map((b) => b.routingKey),
    ),
  }));
}

/** A pattern matching these keys literally and nothing else ('^$' for none). */
function exactly(keys: readonly string[]): string {
  const unique = [...new Set(keys)].sort().map(escape);
  return unique.length === 0 ? '^$' : `^(${unique.join('|')})$`;
}
