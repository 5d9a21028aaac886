import {
  MessageHandlerErrorBehavior,
  type RabbitMQConfig,
  type RabbitMQExchangeConfig,
  type RabbitMQQueueConfig,
} from '@golevelup/nestjs-rabbitmq';
import { Exchanges, type ConsumerQueueNames } from '@dinner-rush/contracts';
import { BrokerLogger } from './broker-logger';
import { CONSUMER_CHANNEL, deadLetterQueueArguments } from './consumer-subscription';
import { retryTopology } from '../consume/retry-schedule';
import { withTopologyMode, type BrokerTopologyMode } from './provisioned-topology';
import { brokerUrls } from '../broker/broker-urls';
import { withQuorumGroupSize } from './quorum-group-size';

export interface BrokerSettings {
  /** One broker URL or a cluster's nodes, comma-separated (see brokerUrls). */
  rabbitmqUrl: string;
  /**
   * Members of each new quorum queue (x-quorum-initial-group-size); unset: the
   * broker's default (as many nodes as it has, up to its quorum_cluster_size).
   */
  quorumInitialGroupSize?: number;
  /** Unacked messages in flight per consumer: the service's pace. */
  prefetch: number;
  /** The work queues this service consumes; their dead-letter pairs are declared here. */
  consumes: readonly ConsumerQueueNames[];
  /** Retries for ordinary transient failures before a message is dead-lettered. */
  retryLimit?: number;
  /** Service-private topology (e.g. a delay queue), declared with the rest at connect. */
  extraExchanges?: readonly RabbitMQExchangeConfig[];
  extraQueues?: readonly RabbitMQQueueConfig[];
  /** Whether the shared exchanges are declared here or provisioned (see BrokerTopologyMode). */
  topology?: BrokerTopologyMode;
}

/**
 * Every exchange a service needs: the shared ones (so any service can start first on a
 * fresh broker), its dead-letter and retry exchanges, its own.
 */
export function exchangesFor(settings: BrokerSettings): RabbitMQExchangeConfig[] {
  return withTopologyMode(settings.topology, [
    { name: Exchanges.orders, type: 'topic', options: { durable: true } },
    { name: Exchanges.orderStatus, type: 'topic', options: { durable: true } },
    { name: Exchanges.orderRequests, type: 'direct', options: { durable: true } },
    { name: Exchanges.rpcReplies, type: 'topic', options: { durable: true } },
    { name: Exchanges.orderReplay, type: 'direct', options: { durable: true } },
    ...settings.consumes.flatMap((names) => [
      { name: names.deadLetterExchange, type: 'fanout', options: { durable: true } },
      ...retryTopology(names).exchanges,
    ]),
    ...(settings.extraExchanges ?? []),
  ]);
}

/** Every queue a service declares besides its work queues: dead-letter and delay queues, its own. */
export function queuesFor(settings: BrokerSettings): RabbitMQQueueConfig[] {
  const queues: RabbitMQQueueConfig[] = [
    ...settings.consumes.flatMap((names): RabbitMQQueueConfig[] => [
      {
        name: names.deadLetterQueue,
        exchange: names.deadLetterExchange,
        routingKey: '',
        options: { durable: true, arguments: deadLetterQueueArguments() },
      },
      ...retryTopology(names).queues,
    ]),
    ...(settings.extraQueues ?? []),
  ];
  return queues.map((queue) => ({
    ...queue,
    options: withQuorumGroupSize(queue.options, settings.quorumInitialGroupSize),
  }));
}

/** Seconds between heartbeats, both ways: the only way to notice a node that went silent. */
export const HEARTBEAT_S = 5;
/** How long one node may take to accept a connection (TCP and the AMQP handshake). */
export const CONNECT_TIMEOUT_MS = 5_000;

/**
 * amqp-connection-manager settings of every service connection (the
 * consumers' and the outbox relay's): it connects to the first node of the
 * list and moves to the next on each reconnect.
 */
export const CONNECTION_MANAGER_OPTIONS = {
  // A node that stops answering is given up on after two missed heartbeats (10 s)...
  heartbeatIntervalInSeconds: HEARTBEAT_S,
  reconnectTimeInSeconds: 1,
  // ...and one that accepts TCP but never answers the handshake (frozen, cut off) after this,
  // so the next reconnect tries the next node instead of waiting for it forever.
  connectionOptions: { timeout: CONNECT_TIMEOUT_MS },
};

/** The golevelup configuration every Dinner Rush service shares. */
export function rabbitConfig(settings: BrokerSettings): RabbitMQConfig {
  return {
    uri: brokerUrls(settings.rabbitmqUrl),
    // Asserting an existing exchange takes no cluster-wide lock, so the default channel may do it.
    exchanges: exchangesFor(settings),
    // Queues and bindings are the TopologyKeeper's (ConsumerChannelTopology): never on this channel.
    queues: [],
    // Consumers get their own channel and pace; RPC uses the default one (the outbox relay has a
    // connection of its own: RelayConnection).
    channels: { [CONSUMER_CHANNEL]: { prefetchCount: settings.prefetch } },
    // Never the library default (REQUEUE): ConsumerRegistrar gives work queues the FailurePolicy.
    defaultSubscribeErrorBehavior: MessageHandlerErrorBehavior.NACK,
    // Start the HTTP side at once; /health reports not-ready until connected.
    connectionInitOptions: { wait: false },
    connectionManagerOptions: CONNECTION_MANAGER_OPTIONS,
    logger: new BrokerLogger(),
    // Handlers are subscribed by ConsumerRegistrar, which does not block start-up on the broker.
    registerHandlers: false,
  };
}
