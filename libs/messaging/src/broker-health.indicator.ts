import { AmqpConnection } from '@golevelup/nestjs-rabbitmq';
import { Injectable } from '@nestjs/common';
import type { HealthIndicatorResult } from '@nestjs/terminus';
import { ConnectionWatchdog } from './topology/connection-watchdog';

/**
 * Ready only while the AMQP connection is up and every subscription that
 * should be consuming is (ConnectionWatchdog): a service that is connected
 * but lost its consumers is not ready either.
 */
@Injectable()
export class BrokerHealthIndicator {
  constructor(
    private readonly amqp: AmqpConnection,
    private readonly watchdog: ConnectionWatchdog,
  ) {}

  check(): HealthIndicatorResult {
    if (!this.amqp.connected)
      return { broker: { status: 'down', message: 'not connected to RabbitMQ' } };
    if (!this.watchdog.ready)
      return { broker: { status: 'down', message: this.watchdog.reason ?? 'not consuming' } };
    return { broker: { status: 'up' } };
  }
}
