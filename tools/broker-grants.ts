import { Exchanges, RPC_REPLY_EXCHANGE } from '@dinner-rush/contracts';
import type { BrokerFootprint } from './broker-footprint';
import { DEFAULT_EXCHANGE } from './broker-services';

/** A RabbitMQ permission triple: regular expressions over exchange and queue names. */
export interface BrokerPermission {
  configure: string;
  write: string;
  read: string;
}

/** The exchanges of the contract: provisioned by the definitions, declared by no service. */
export const SHARED_EXCHANGES: readonly string[] = Object.values(Exchanges);

/**
 * Least privilege, derived from what the service's code declares:
 * - configure (declare, delete): only its own `<service>.*` queues and exchanges;
 * - write (publish, and be bound to): its own names plus the exchanges it publishes to,
 *   the exchanges of the requests it asks, the reply exchange if it answers requests
 *   (and any dead-letter exchange its queues name, which RabbitMQ checks at declare);
 * - read (consume, and bind from): its own names plus the exchanges its queues are bound
 *   to, and the reply exchange if it asks (its reply queue is bound there).
 * So a consumer can neither publish to `orders` nor read another service's queue,
 * no service can delete a shared exchange, and none writes to the default exchange
 * (whose write permission would reach every queue by name).
 */
export function grantFor(
  service: string,
  footprint: BrokerFootprint,
  publishes: readonly string[],
): BrokerPermission {
  assertOwnNames(service, footprint);
  if (footprint.asks && footprint.asks.service !== service)
    throw new Error(`${service} names its reply queues after ${footprint.asks.service}`);
  const own = `${escape(service)}\\..*`;
  const foreign = (names: Iterable<string>) =>
    [...new Set(names)]
      .map((name) => (name === '' ? DEFAULT_EXCHANGE : name))
      .filter((name) => !name.startsWith(`${service}.`))
      .sort()
      .map(escape);
  // Declaring a queue with a dead-letter exchange needs write access to that exchange.
  const written = foreign([
    ...publishes,
    ...(footprint.asks?.asks ?? []).map((rpc) => rpc.exchange),
    ...(footprint.answers.length > 0 ? [RPC_REPLY_EXCHANGE] : []),
    ...footprint.queues.flatMap((q) => deadLetterExchangeOf(q.arguments)),
  ]);
  const boundFrom = foreign([
    ...footprint.bindings.map((b) => b.exchange).filter((e) => e !== ''),
    ...(footprint.asks ? [RPC_REPLY_EXCHANGE] : []),
  ]);
  return {
    configure: `^${own}$`,
    write: `^(${[own, ...written].join('|')})$`,
    read: `^(${[own, ...boundFrom].join('|')})$`,
  };
}

/** Everything a service declares must carry its name, or its grant could not be a prefix. */
function assertOwnNames(service: string, footprint: BrokerFootprint): void {
  const declared = [
    ...footprint.exchanges.map((e) => e.name).filter((name) => !SHARED_EXCHANGES.includes(name)),
    ...footprint.queues.map((q) => q.name),
  ];
  const strays = declared.filter((name) => !name.startsWith(`${service}.`));
  if (strays.length > 0)
    throw new Error(
      `${service} declares ${strays.join(', ')}: name it "${service}.<purpose>", or make it a shared exchange in libs/contracts Exchanges`,
    );
}

function deadLetterExchangeOf(args: Record<string, unknown>): string[] {
  const exchange = args['x-dead-letter-exchange'];
  return typeof exchange === 'string' ? [exchange] : [];
}

/** `name` as a regular expression matching itself. */
export function escape(name: string): string {
  return name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
