import { Exchanges, Queues } from '@dinner-rush/contracts';
import { vhostPath, type ManagementApi } from './management-api';

/** The exchanges a pipeline consumer's work queue is bound to: order facts and order progress. */
export const ORDER_EXCHANGES: readonly string[] = [Exchanges.orders, Exchanges.orderStatus];

interface Binding {
  destination: string;
  destination_type: 'queue' | 'exchange';
}

/**
 * Every queue bound to the order exchanges, as the broker has them: a new
 * consumer shows up as soon as it has declared its queue, whatever its name.
 * Server-named queues (amq.gen-…: test taps, RPC replies) are no consumers.
 */
export async function boundConsumerQueues(api: ManagementApi, vhost: string): Promise<string[]> {
  const lists = await Promise.all(
    ORDER_EXCHANGES.map((exchange) =>
      api.getJson<Binding[]>(
        `/exchanges/${vhostPath(vhost)}/${encodeURIComponent(exchange)}/bindings/source`,
      ),
    ),
  );
  const names = lists
    .flat()
    .filter((b) => b.destination_type === 'queue' && !b.destination.startsWith('amq.'))
    .map((b) => b.destination);
  return [...new Set(names)].sort();
}

/**
 * Without the management API, AMQP cannot list queues or bindings, so the
 * names come from the contract: `Queues` in libs/contracts is where every
 * consumer registers its `<service>.<purpose>` queue (`npm run new:consumer`
 * adds the new one there), so a scaffolded consumer is found with no change to
 * whoever reads this list. Only the ones that exist on the broker are kept.
 */
export function registeredConsumerQueues(): string[] {
  return Object.values(Queues)
    .map((names) => names.queue)
    .sort();
}
