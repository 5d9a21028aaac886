import {
  MessageHandlerErrorBehavior,
  type RabbitMQConfig,
  type RabbitMQExchangeConfig,
  type RabbitMQQueueConfig,
} from '@golevelup/nestjs-rabbitmq';
import { Exchanges, type ConsumerQueueNames } from '@dinner-rush/contracts';
import { BrokerLogger } from './broker-logger';
import { CONSUMER_CHANNEL } from './consumer-subscription';
import { retryTopology } from '../consume/retry-schedule';
import { withTopologyMode, type BrokerTopologyMode } from './provisioned-topology';

export interface BrokerSettings {
  rabbitmqUrl: string;
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
  return [
    ...settings.consumes.flatMap((names): RabbitMQQueueConfig[] => [
      {
        name: names.deadLetterQueue,
        exchange: names.deadLetterExchange,
        routingKey: '',
        options: { durable: true, arguments: { 'x-queue-type': 'quorum' } },
      },
      ...retryTopology(names).queues,
    ]),
    ...(settings.extraQueues ?? []),
  ];
}

/** The golevelup configuration every Dinner Rush service shares. */
export function rabbitConfig(settings: BrokerSettings): RabbitMQConfig {
  return {
    uri: settings.rabbitmqUrl,
    exchanges: exchangesFor(settings),
    queues: queuesFor(settings),
    // Consumers get their own channel and pace; publishing (relay, dead-lettering) uses the default one.
    channels: { [CONSUMER_CHANNEL]: { prefetchCount: settings.prefetch } },
    // Never the library default (REQUEUE): ConsumerRegistrar gives work queues the FailurePolicy.
    defaultSubscribeErrorBehavior: MessageHandlerErrorBehavior.NACK,
    // Start the HTTP side at once; /health reports not-ready until connected.
    connectionInitOptions: { wait: false },
    connectionManagerOptions: { heartbeatIntervalInSeconds: 5, reconnectTimeInSeconds: 1 },
    logger: new BrokerLogger(),
    // Handlers are subscribed by ConsumerRegistrar, which does not block start-up on the broker.
    registerHandlers: false,
  };
}
