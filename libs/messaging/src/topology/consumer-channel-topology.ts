import { AmqpConnection } from '@golevelup/nestjs-rabbitmq';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { MESSAGING_OPTIONS, type MessagingModuleOptions } from '../messaging-options';
import { CONSUMER_CHANNEL } from './consumer-subscription';
import { exchangesFor } from './rabbit-config';

/**
 * golevelup declares exchanges on its default channel and binds consumer
 * queues on the consumer channel, concurrently: on a fresh broker a bind can
 * beat the exchange and the channel is closed with 404. Asserting the same
 * exchanges first on the consumer channel (a setup registered before any
 * handler's, re-run on every reconnect) makes the order certain.
 */
@Injectable()
export class ConsumerChannelTopology implements OnModuleInit {
  private readonly logger = new Logger(ConsumerChannelTopology.name);

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingModuleOptions,
    private readonly amqp: AmqpConnection,
  ) {}

  onModuleInit(): void {
    const channel = this.amqp.managedChannels[CONSUMER_CHANNEL];
    if (!channel) return;
    const exchanges = exchangesFor(this.options);
    channel
      .addSetup(
        async (ch: {
          assertExchange(name: string, type: string, options?: object): Promise<unknown>;
        }) => {
          for (const exchange of exchanges) {
            await ch.assertExchange(exchange.name, exchange.type ?? 'topic', exchange.options);
          }
        },
      )
      .catch((error: unknown) => this.logger.warn(`consumer channel topology: ${String(error)}`));
  }
}
