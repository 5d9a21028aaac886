import { AmqpConnection } from '@golevelup/nestjs-rabbitmq';
import { Injectable } from '@nestjs/common';
import type { HealthIndicatorResult } from '@nestjs/terminus';
import { ConsumerRegistrar } from './consume/consumer-registrar';
import { ConnectionWatchdog } from './topology/connection-watchdog';
import { TopologyKeeper } from './topology/topology-keeper';

/**
 * Ready only while the AMQP connection is up, every handler has its queue
 * bound and subscribed at least once (ConsumerRegistrar: before that,
 * messages published for it are routed past it), its queues and bindings
 * have been asserted again since the last reconnect (TopologyKeeper: a queue
 * recreated meanwhile is consumed before it is bound), and every subscription
 * that should be consuming is (ConnectionWatchdog): a service that is
 * connected but lost its consumers is not ready either.
 */
@Injectable()
export class BrokerHealthIndicator {
  constructor(
    private readonly amqp: AmqpConnection,
    private readonly watchdog: ConnectionWatchdog,
    private readonly registrar: ConsumerRegistrar,
    private readonly keeper: TopologyKeeper,
  ) {}

  check(): HealthIndicatorResult {
    if (!this.amqp.connected)
      return { broker: { status: 'down', message: 'not connected to RabbitMQ' } };
    const binding = this.registrar.pending;
    if (binding.length > 0)
      return {
        broker: {
          status: 'down',
          message: `queue not bound and consumed yet: ${binding.join(', ')}`,
        },
      };
    if (this.keeper.reasserting)
      return {
        broker: { status: 'down', message: 'queues and bindings not asserted again yet' },
      };
    if (!this.watchdog.ready)
      return { broker: { status: 'down', message: this.watchdog.reason ?? 'not consuming' } };
    return { broker: { status: 'up' } };
  }
}
