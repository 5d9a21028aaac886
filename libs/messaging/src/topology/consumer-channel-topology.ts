import { AmqpConnection } from '@golevelup/nestjs-rabbitmq';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { MESSAGING_OPTIONS, type MessagingModuleOptions } from '../messaging-options';
import { coalesceAcks, type AckingChannel } from './ack-coalescing';
import { CONSUMER_CHANNEL } from './consumer-subscription';
import { keptQueue } from './kept-queues';
import { exchangesFor, queuesFor } from './rabbit-config';
import { TopologyKeeper } from './topology-keeper';

/**
 * The service's shared topology: every exchange it uses, its dead-letter and
 * delay queues and their bindings, declared by the TopologyKeeper (on a
 * channel of its own, again on every reconnect). Subscriptions wait for
 * `ready` the first time: a bind to an exchange not yet declared would close
 * the channel with 404, and a failed message moved before its delay queue
 * exists would be routed nowhere. The consumer channel's first setup makes it
 * send its acks together (ack-coalescing.ts).
 */
@Injectable()
export class ConsumerChannelTopology implements OnModuleInit {
  /** Settles once the topology has been declared the first time. */
  ready: Promise<void> = Promise.resolve();

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingModuleOptions,
    private readonly amqp: AmqpConnection,
    private readonly keeper: TopologyKeeper,
  ) {}

  onModuleInit(): void {
    this.ready = this.keeper.declare(
      exchangesFor(this.options),
      queuesFor(this.options).map(keptQueue),
    );
    // Before anything consumes on this channel (a setup registered later cannot start first).
    void this.amqp.managedChannels[CONSUMER_CHANNEL]?.addSetup((ch: AckingChannel) => {
      coalesceAcks(ch);
    });
  }
}
