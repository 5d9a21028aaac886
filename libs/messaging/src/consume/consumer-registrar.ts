import { DiscoveryService } from '@golevelup/nestjs-discovery';
import {
  AmqpConnection,
  RABBIT_HANDLER,
  type MessageHandlerOptions,
  type RabbitHandlerConfig,
} from '@golevelup/nestjs-rabbitmq';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { consumerQueueNamed } from '@dinner-rush/contracts';
import { MESSAGING_OPTIONS, type MessagingModuleOptions } from '../messaging-options';
import { DEFAULT_RETRY_LIMIT, FailurePolicy } from './failure-policy';
import { ConsumerControl } from './consumer-control.service';
import { ConsumerChannelTopology } from '../topology/consumer-channel-topology';

/**
 * Subscribes every @RabbitSubscribe method, without waiting for the broker.
 * golevelup's own registration awaits each subscription during bootstrap, so
 * with RabbitMQ down a service never reaches listen() and cannot even answer
 * /health with 503. Here each subscription completes whenever the connection
 * comes up (and is re-established on every reconnect by the channel's setup).
 * Work-queue subscriptions get the failure policy (delay-queue retries, then
 * the dead-letter queue) unless they bring their own error handler.
 */
@Injectable()
export class ConsumerRegistrar implements OnApplicationBootstrap {
  private readonly logger = new Logger(ConsumerRegistrar.name);

  private readonly failurePolicy: FailurePolicy;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly amqp: AmqpConnection,
    /** Counts each message's outcome and lets an operator pause the queue (see ConsumerControl). */
    private readonly control: ConsumerControl,
    private readonly topology: ConsumerChannelTopology,
    @Inject(MESSAGING_OPTIONS) options: MessagingModuleOptions,
  ) {
    this.failurePolicy = new FailurePolicy({
      retryLimit: options.retryLimit ?? DEFAULT_RETRY_LIMIT,
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    const handlers =
      await this.discovery.providerMethodsWithMetaAtKey<RabbitHandlerConfig>(RABBIT_HANDLER);
    for (const { discoveredMethod, meta } of handlers) {
      const handler = discoveredMethod.handler.bind(discoveredMethod.parentClass.instance) as (
        message: unknown,
      ) => Promise<void>;
      const name = `${discoveredMethod.parentClass.name}.${discoveredMethod.methodName}`;
      // @RabbitRPC handlers answer their asker (reply-to, correlation id); the rest only ack.
      const subscribed = this.topology.ready.then(async (): Promise<void> => {
        if (meta.type === 'rpc') await this.amqp.createRpc(handler, meta);
        else await this.control.subscribe(handler, this.withFailurePolicy(meta), name);
      });
      subscribed.then(
        () => this.logger.log(`consuming ${meta.queue ?? '(server-named queue)'} with ${name}`),
        (error: unknown) => this.logger.error(`could not subscribe ${name}: ${String(error)}`),
      );
    }
  }

  private withFailurePolicy(meta: MessageHandlerOptions): MessageHandlerOptions {
    if (meta.errorHandler || !meta.queue) return meta;
    return { ...meta, errorHandler: this.failurePolicy.handlerFor(consumerQueueNamed(meta.queue)) };
  }
}
