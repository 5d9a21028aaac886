import { DiscoveryService } from '@golevelup/nestjs-discovery';
import {
  AmqpConnection,
  RABBIT_HANDLER,
  type MessageHandlerOptions,
} from '@golevelup/nestjs-rabbitmq';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';

/**
 * Subscribes every @RabbitSubscribe method, without waiting for the broker.
 * golevelup's own registration awaits each subscription during bootstrap, so
 * with RabbitMQ down a service never reaches listen() and cannot even answer
 * /health with 503. Here each subscription completes whenever the connection
 * comes up (and is re-established on every reconnect by the channel's setup).
 */
@Injectable()
export class ConsumerRegistrar implements OnApplicationBootstrap {
  private readonly logger = new Logger(ConsumerRegistrar.name);

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly amqp: AmqpConnection,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const handlers =
      await this.discovery.providerMethodsWithMetaAtKey<MessageHandlerOptions>(RABBIT_HANDLER);
    for (const { discoveredMethod, meta } of handlers) {
      const handler = discoveredMethod.handler.bind(discoveredMethod.parentClass.instance) as (
        message: unknown,
      ) => Promise<void>;
      const name = `${discoveredMethod.parentClass.name}.${discoveredMethod.methodName}`;
      this.amqp.createSubscriber(handler, meta, name).then(
        () => this.logger.log(`consuming ${meta.queue ?? '(server-named queue)'} with ${name}`),
        (error: unknown) => this.logger.error(`could not subscribe ${name}: ${String(error)}`),
      );
    }
  }
}
