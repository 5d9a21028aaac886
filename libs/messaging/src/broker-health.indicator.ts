import { AmqpConnection } from '@golevelup/nestjs-rabbitmq';
import { Injectable } from '@nestjs/common';
import type { HealthIndicatorResult } from '@nestjs/terminus';

/** Ready only while the AMQP connection is up. */
@Injectable()
export class BrokerHealthIndicator {
  constructor(private readonly amqp: AmqpConnection) {}

  check(): HealthIndicatorResult {
    return this.amqp.connected
      ? { broker: { status: 'up' } }
      : { broker: { status: 'down', message: 'not connected to RabbitMQ' } };
  }
}
