import { AmqpConnection } from '@golevelup/nestjs-rabbitmq';
import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { createPgPool, parseDatabaseUrl } from '@dinner-rush/database';
import type { Pool } from 'pg';
import { MESSAGING_OPTIONS, type MessagingModuleOptions } from '../messaging-options';
import { OutboxRelay } from './outbox-relay';
import { OutboxStore } from './outbox-store';
import { drainConsumers } from '../consume/drain-consumers';

/** Runs the service's outbox relay for the life of the application. */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly pool?: Pool;
  private readonly relay?: OutboxRelay;
  readonly store?: OutboxStore;

  constructor(
    @Inject(MESSAGING_OPTIONS) options: MessagingModuleOptions,
    private readonly amqp: AmqpConnection,
  ) {
    const outbox = options.outbox;
    if (!outbox) return;
    // Two connections: one held for LISTEN, one for claim/mark statements.
    this.pool = createPgPool(outbox.databaseUrl, 2);
    this.store = new OutboxStore(this.pool, outbox.leaseMs ?? 30_000);
    this.relay = new OutboxRelay(this.store, this.pool, amqp, {
      notifyChannel: `${parseDatabaseUrl(outbox.databaseUrl).schema}_outbox`,
      pollIntervalMs: outbox.pollIntervalMs,
      batchSize: outbox.batchSize ?? 200,
      publishTimeoutMs: outbox.publishTimeoutMs ?? 10_000,
    });
  }

  onApplicationBootstrap(): void {
    this.relay?.start();
  }

  /**
   * Graceful stop, before the broker connection and the database close: stop
   * consuming, let in-flight handlers finish (their transactions commit and
   * their acks go out), then publish what they left in the outbox.
   */
  async beforeApplicationShutdown(): Promise<void> {
    await drainConsumers(this.amqp);
    await this.relay?.stop();
    await this.pool?.end();
  }
}
