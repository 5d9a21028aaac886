import {
  MessageHandlerErrorBehavior,
  type RabbitMQConfig,
  type RabbitMQExchangeConfig,
  type RabbitMQQueueConfig,
} from '@golevelup/nestjs-rabbitmq';
import { Exchanges, type ConsumerQueueNames } from '@dinner-rush/contracts';
import { BrokerLogger } from './broker-logger';
import { CONSUMER_CHANNEL } from './consumer-subscription';

export interface BrokerSettings {
  rabbitmqUrl: string;
  /** Unacked messages in flight per consumer: the service's pace. */
  prefetch: number;
  /** The work queues this service consumes; their dead-letter pairs are declared here. */
  consumes: readonly ConsumerQueueNames[];
  /** Service-private topology (e.g. a delay queue), declared with the rest at connect. */
  extraExchanges?: readonly RabbitMQExchangeConfig[];
  extraQueues?: readonly RabbitMQQueueConfig[];
}

/** Every exchange a service needs: the shared ones, its dead-letter exchanges, its own. */
export function exchangesFor(settings: BrokerSettings): RabbitMQExchangeConfig[] {
  return [
    { name: Exchanges.orders, type: 'topic', options: { durable: true } },
    { name: Exchanges.orderStatus, type: 'topic', options: { durable: true } },
    ...settings.consumes.map((names) => ({
      name: names.deadLetterExchange,
      type: 'fanout',
      options: { durable: true },
    })),
    ...(settings.extraExchanges ?? []),
  ];
}

/** The golevelup configuration every Dinner Rush service shares. */
export function rabbitConfig(settings: BrokerSettings): RabbitMQConfig {
  return {
    uri: settings.rabbitmqUrl,
    exchanges: exchangesFor(settings),
    queues: [
      ...settings.consumes.map((names): RabbitMQQueueConfig => ({
        name: names.deadLetterQueue,
        exchange: names.deadLetterExchange,
        routingKey: '',
        options: { durable: true, arguments: { 'x-queue-type': 'quorum' } },
      })),
      ...(settings.extraQueues ?? []),
    ],
    // Consumers get their own channel and pace; publishing (relay, dead-lettering) uses the default one.
    channels: { [CONSUMER_CHANNEL]: { prefetchCount: settings.prefetch } },
    // Never the library default (REQUEUE): every handler also gets deadLetterOnFailure.
    defaultSubscribeErrorBehavior: MessageHandlerErrorBehavior.NACK,
    // Start the HTTP side at once; /health reports not-ready until connected.
    connectionInitOptions: { wait: false },
    connectionManagerOptions: { heartbeatIntervalInSeconds: 5, reconnectTimeInSeconds: 1 },
    logger: new BrokerLogger(),
    // Handlers are subscribed by ConsumerRegistrar, which does not block start-up on the broker.
    registerHandlers: false,
  };
}
