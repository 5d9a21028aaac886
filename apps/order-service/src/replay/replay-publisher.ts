import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { Exchanges, type Envelope } from '@dinner-rush/contracts';
import { AmqpConnection, replayExchange } from '@dinner-rush/messaging';
import { APP_CONFIG } from '@dinner-rush/service-kit';
import type { OrderServiceConfig } from '../config';

/**
 * Publishes archived envelopes to `orders.replay` under one queue's name,
 * exactly as the outbox relay first published them (same messageId, so the
 * consumer's inbox drops what it already has), waiting for each confirm.
 */
@Injectable()
export class ReplayPublisher implements OnModuleInit {
  private readonly logger = new Logger(ReplayPublisher.name);

  constructor(
    private readonly amqp: AmqpConnection,
    @Inject(APP_CONFIG) private readonly config: OrderServiceConfig,
  ) {}

  /** Declared on the publishing channel (and again on every reconnect) before any replay. */
  onModuleInit(): void {
    const { name, type = 'direct', options } = replayExchange;
    // On a provisioned broker the shared exchange exists and this user may not declare it.
    const provisioned = this.config.RABBITMQ_TOPOLOGY === 'provisioned';
    this.amqp.managedChannel
      .addSetup((ch: ExchangeSetupChannel) =>
        provisioned ? ch.checkExchange(name) : ch.assertExchange(name, type, options),
      )
      .catch((error: unknown) => this.logger.warn(`replay exchange: ${String(error)}`));
  }

  /** Whether the queue exists; asked on a channel of its own, which a 404 closes (not the shared one). */
  async queueExists(queue: string): Promise<boolean> {
    const connection = this.amqp.managedConnection.connection;
    if (!connection) throw new Error('not connected to RabbitMQ');
    const channel = await connection.createChannel();
    channel.on('error', () => undefined); // the 404 also arrives as a channel error event
    try {
      await channel.checkQueue(queue);
      return true;
    } catch {
      return false;
    } finally {
      await channel.close().catch(() => undefined);
    }
  }

  /** Issued in order on one confirm channel; resolves once the broker confirmed them all. */
  async publish(queue: string, envelopes: readonly Envelope[]): Promise<void> {
    await Promise.all(
      envelopes.map((envelope) =>
        this.amqp.publish(Exchanges.orderReplay, queue, envelope, {
          persistent: true,
          contentType: 'application/json',
          messageId: envelope.messageId,
          correlationId: envelope.correlationId,
          type: envelope.type,
          timestamp: Math.floor(Date.parse(envelope.occurredAt) / 1000),
          headers: { 'x-replayed': true },
        }),
      ),
    );
  }
}

interface ExchangeSetupChannel {
  checkExchange(name: string): Promise<unknown>;
  assertExchange(name: string, type: string, options?: object): Promise<unknown>;
}
