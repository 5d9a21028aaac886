import { AmqpConnection } from '@golevelup/nestjs-rabbitmq';
import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { createPgPool } from '@dinner-rush/database';
import type { Pool } from 'pg';
import { MESSAGING_OPTIONS, type MessagingModuleOptions } from '../messaging-options';
import { OutboxRelay } from './outbox-relay';
import { OutboxStore } from './outbox-store';
import { drainConsumers } from '../consume/drain-consumers';

/** Runs the service's outbox relay for the life of the application. */

/** How long a claimed outbox row is a relay's before another may publish it. */
const DEFAULT_LEASE_MS = 12_000;
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
    // Two connections, so that marking one batch sent and claiming the next
    // (pipelined, see OutboxRelay) do not queue for one.
    // The outbox is a queue table: each claim and mark leaves dead index entries
    // behind until VACUUM. A plain index scan marks them dead as it passes and
    // skips them next time; a bitmap scan (which the planner picks on stale
    // statistics) revisits every one, so claims slowed down with every row ever
    // sent (34 ms and 6,000 buffers for an empty claim after 60k updates here).
    this.pool = createPgPool(outbox.databaseUrl, 2, { enable_bitmapscan: 'off' });
    // A relay that dies holding a lease (SIGKILL) delays its rows by the lease's
    // remainder; the lease only has to outlast one batch's publish timeout.
    this.store = new OutboxStore(this.pool, outbox.leaseMs ?? DEFAULT_LEASE_MS);
    this.relay = new OutboxRelay(this.store, amqp, {
      pollIntervalMs: outbox.pollIntervalMs,
      batchSize: outbox.batchSize ?? 200,
      publishTimeoutMs: outbox.publishTimeoutMs ?? DEFAULT_LEASE_MS / 2,
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
