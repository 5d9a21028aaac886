import { DiscoveryModule } from '@golevelup/nestjs-discovery';
import { RabbitMQModule } from '@golevelup/nestjs-rabbitmq';
import { ConsumerRegistrar } from './consume/consumer-registrar';
import { ConsumerControl } from './consume/consumer-control.service';
import { ConsumerPace } from './consume/consumer-control.pace';
import { ConsumerPipelines } from './consume/consumer-pipelines';
import { Module, type DynamicModule, type ModuleMetadata } from '@nestjs/common';
import { BrokerHealthIndicator } from './broker-health.indicator';
import { MESSAGING_OPTIONS, type MessagingModuleOptions } from './messaging-options';
import { OutboxRelayService } from './outbox/outbox-relay.service';
import { ConnectionWatchdog } from './topology/connection-watchdog';
import { ConsumerChannelTopology } from './topology/consumer-channel-topology';
import { rabbitConfig } from './topology/rabbit-config';
import { TopologyKeeper } from './topology/topology-keeper';

export interface MessagingModuleAsyncOptions {
  imports?: ModuleMetadata['imports'];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Nest injection tokens are untyped
  inject?: any[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- mirrors Nest's own useFactory signature
  useFactory: (...args: any[]) => MessagingModuleOptions;
}

/** RabbitMQ (golevelup) with the shared topology and failure policy, plus the outbox relay. */
@Module({})
export class MessagingModule {
  static forRootAsync(options: MessagingModuleAsyncOptions): DynamicModule {
    const inject = options.inject ?? [];
    return {
      module: MessagingModule,
      global: true,
      imports: [
        DiscoveryModule,
        RabbitMQModule.forRootAsync({
          imports: options.imports ?? [],
          inject,
          useFactory: (...args: unknown[]) => rabbitConfig(options.useFactory(...args)),
        }),
      ],
      providers: [
        { provide: MESSAGING_OPTIONS, useFactory: options.useFactory, inject },
        TopologyKeeper,
        ConsumerChannelTopology,
        ConsumerRegistrar,
        ConsumerPace,
        ConsumerControl,
        ConsumerPipelines,
        ConnectionWatchdog,
        OutboxRelayService,
        BrokerHealthIndicator,
      ],
      exports: [
        RabbitMQModule,
        OutboxRelayService,
        BrokerHealthIndicator,
        ConsumerPace,
        ConsumerControl,
        ConsumerPipelines,
      ],
    };
  }
}
