import { AmqpConnection } from '@golevelup/nestjs-rabbitmq';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { MESSAGING_OPTIONS, type MessagingModuleOptions } from '../messaging-options';
import { CONSUMER_CHANNEL } from './consumer-subscription';
import { exchangesFor, queuesFor } from './rabbit-config';

/**
 * golevelup declares exchanges on its default channel and binds consumer
 * queues on the consumer channel, concurrently: on a fresh broker a bind can
 * beat the exchange and the channel is closed with 404. Asserting the same
 * exchanges first on the consumer channel (a setup registered before any
 * handler's, re-run on every reconnect) makes the order certain. The same
 * goes for the dead-letter and delay queues: a failed message moved before its
 * delay queue exists would be routed nowhere.
 */
@Injectable()
export class ConsumerChannelTopology implements OnModuleInit {
  private readonly logger = new Logger(ConsumerChannelTopology.name);

  /**
   * Settles once the topology has been asserted the first time. amqp-connection-manager
   * runs a channel's setups concurrently, so subscriptions wait for this rather than
   * racing it (a bind to an exchange not yet declared closes the channel). On
   * reconnects the durable topology is already there.
   */
  readonly ready: Promise<void>;
  private markReady: () => void = () => undefined;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingModuleOptions,
    private readonly amqp: AmqpConnection,
  ) {
    this.ready = new Promise((resolve) => (this.markReady = resolve));
  }

  onModuleInit(): void {
    const channel = this.amqp.managedChannels[CONSUMER_CHANNEL];
    if (!channel) {
      this.markReady();
      return;
    }
    const exchanges = exchangesFor(this.options);
    const queues = queuesFor(this.options);
    channel
      .addSetup(async (ch: TopologyChannel) => {
        for (const exchange of exchanges) {
          if (exchange.createExchangeIfNotExists === false) await ch.checkExchange(exchange.name);
          else await ch.assertExchange(exchange.name, exchange.type ?? 'topic', exchange.options);
        }
        for (const queue of queues) {
          if (!queue.name) continue;
          await ch.assertQueue(queue.name, queue.options);
          const keys = [queue.routingKey ?? ''].flat();
          if (queue.exchange)
            for (const key of keys) await ch.bindQueue(queue.name, queue.exchange, key);
        }
        this.markReady();
      })
      .catch((error: unknown) => this.logger.warn(`consumer channel topology: ${String(error)}`));
  }
}

/** The part of amqplib's channel the setup uses. */
interface TopologyChannel {
  checkExchange(name: string): Promise<unknown>;
  assertExchange(name: string, type: string, options?: object): Promise<unknown>;
  assertQueue(name: string, options?: object): Promise<unknown>;
  bindQueue(queue: string, exchange: string, routingKey: string): Promise<unknown>;
}
