import { createHash, randomBytes } from 'node:crypto';
import { RPC_REPLY_EXCHANGE, type RpcDefinition } from '@dinner-rush/contracts';
import { footprintOf, type BrokerFootprint } from './broker-footprint';
import { grantFor, type BrokerPermission } from './broker-grants';
import { BROKER_SERVICES } from './broker-services';
import { replyTopicGrant } from './broker-reply-grants';
import { topicGrantsFor, type TopicPermission } from './broker-topic-grants';

/** The subset of RabbitMQ's definitions format (GET/POST /api/definitions) used here. */
export interface BrokerDefinitions {
  users: { name: string; password_hash: string; hashing_algorithm: string; tags: string[] }[];
  vhosts: { name: string }[];
  permissions: ({ user: string; vhost: string } & BrokerPermission)[];
  topic_permissions: ({ user: string; vhost: string } & TopicPermission)[];
  exchanges: {
    name: string;
    vhost: string;
    type: string;
    durable: boolean;
    auto_delete: boolean;
    internal: boolean;
    arguments: Record<string, unknown>;
  }[];
  queues: {
    name: string;
    vhost: string;
    durable: boolean;
    auto_delete: boolean;
    arguments: Record<string, unknown>;
  }[];
  bindings: {
    source: string;
    vhost: string;
    destination: string;
    destination_type: 'queue';
    routing_key: string;
    arguments: Record<string, unknown>;
  }[];
}

/**
 * The dashboard's and load generator's user: management API read access, no
 * AMQP rights (a passive declare, its depth reading without the API, needs none).
 */
export const MONITOR_USER = 'monitor';

export interface DefinitionsOptions {
  vhost?: string;
  /** Prepended to every service user's name (tests: users are broker-global). */
  userPrefix?: string;
  /** Each user's password; without one its hash is empty (no password login). */
  passwordOf?: (user: string) => string | undefined;
  /** An operator with the administrator tag (management UI), full rights on the vhost. */
  admin?: { name: string; password: string };
}

export interface ServiceGrant {
  service: string;
  user: string;
  permission: BrokerPermission;
  /** Which routing keys it may publish and bind with on each topic exchange. */
  topics: TopicPermission[];
  footprint: BrokerFootprint;
}

/** Each service's user, grant and footprint, from the code. */
export function serviceGrants(userPrefix = ''): ServiceGrant[] {
  const services = Object.entries(BROKER_SERVICES).map(([service, definition]) => ({
    service,
    definition,
    footprint: footprintOf(definition.module()),
  }));
  const topicExchanges = [
    ...new Set(
      services.flatMap(({ footprint }) =>
        footprint.exchanges
          .filter((e) => (e.type ?? 'topic') === 'topic' && e.name !== RPC_REPLY_EXCHANGE)
          .map((e) => e.name),
      ),
    ),
  ];
  const askersOf = (rpc: RpcDefinition) =>
    services.filter(({ footprint }) => footprint.asks?.asks.includes(rpc)).map((s) => s.service);
  return services.map(({ service, definition, footprint }) => ({
    service,
    user: `${userPrefix}${service}`,
    permission: grantFor(service, footprint, definition.publishes),
    topics: [
      ...topicGrantsFor(footprint, definition.events, topicExchanges),
      replyTopicGrant(footprint, askersOf),
    ].sort((a, b) => a.exchange.localeCompare(b.exchange)),
    footprint,
  }));
}

/**
 * Topology, users and permissions for the whole pipeline. The durable topology
 * of every service is provisioned here, so start-up order does not matter and
 * services need not declare the shared exchanges; runtime-only queues
 * (auto-delete RPC queues) stay with the service that declares them.
 */
export function buildDefinitions(options: DefinitionsOptions = {}): BrokerDefinitions {
  const vhost = options.vhost ?? '/';
  const grants = serviceGrants(options.userPrefix);
  const exchanges = new Map<string, BrokerDefinitions['exchanges'][number]>();
  const queues = new Map<string, BrokerDefinitions['queues'][number]>();
  const bindings = new Map<string, BrokerDefinitions['bindings'][number]>();
  for (const { footprint } of grants) {
    for (const exchange of footprint.exchanges) {
      const options = (exchange.options ?? {}) as { durable?: boolean; arguments?: object };
      exchanges.set(exchange.name, {
        name: exchange.name,
        vhost,
        type: exchange.type ?? 'topic',
        durable: options.durable ?? true,
        auto_delete: false,
        internal: false,
        arguments: { ...options.arguments },
      });
    }
    for (const queue of footprint.queues.filter((q) => q.durable && !q.autoDelete))
      queues.set(queue.name, {
        name: queue.name,
        vhost,
        durable: true,
        auto_delete: false,
        arguments: queue.arguments,
      });
  }
  for (const { footprint } of grants)
    for (const b of footprint.bindings.filter((b) => b.exchange !== '' && queues.has(b.queue)))
      bindings.set(`${b.exchange}|${b.queue}|${b.routingKey}`, {
        source: b.exchange,
        vhost,
        destination: b.queue,
        destination_type: 'queue',
        routing_key: b.routingKey,
        arguments: {},
      });
  const users = grants.map((g) => user(g.user, options.passwordOf?.(g.user), []));
  const permissions = grants.map((g) => ({ user: g.user, vhost, ...g.permission }));
  const topicPermissions = grants.flatMap((g) =>
    g.topics.map((topic) => ({ user: g.user, vhost, ...topic })),
  );
  // Watches queue depths and rates over the management API; may touch no message.
  const monitor = `${options.userPrefix ?? ''}${MONITOR_USER}`;
  users.push(user(monitor, options.passwordOf?.(monitor), ['monitoring']));
  permissions.push({ user: monitor, vhost, configure: '^$', write: '^$', read: '^$' });
  if (options.admin) {
    users.push(user(options.admin.name, options.admin.password, ['administrator']));
    permissions.push({ user: options.admin.name, vhost, configure: '.*', write: '.*', read: '.*' });
  }
  const byName = <T extends { name: string }>(items: Iterable<T>) =>
    [...items].sort((a, b) => a.name.localeCompare(b.name));
  return {
    users,
    vhosts: [{ name: vhost }],
    permissions,
    topic_permissions: topicPermissions,
    exchanges: byName(exchanges.values()),
    queues: byName(queues.values()),
    bindings: [...bindings.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, b]) => b),
  };
}

function user(name: string, password: string | undefined, tags: string[]) {
  return {
    name,
    password_hash: password === undefined ? '' : hashPassword(password),
    hashing_algorithm: 'rabbit_password_hashing_sha256',
    tags,
  };
}

/** RabbitMQ's salted SHA-256: base64(salt ‖ sha256(salt ‖ password)), 4-byte salt. */
export function hashPassword(password: string, salt: Buffer = randomBytes(4)): string {
  const digest = createHash('sha256').update(salt).update(password, 'utf8').digest();
  return Buffer.concat([salt, digest]).toString('base64');
}
