import { AmqpConnection } from '@golevelup/nestjs-rabbitmq';
import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { MESSAGING_OPTIONS, type MessagingModuleOptions } from '../messaging-options';
import { drainConsumers } from '../consume/drain-consumers';
import { PUBLISH_TIMEOUT_MS } from './outbox-entry';
import { OutboxRelay } from './outbox-relay';
import { onOutboxCommitted } from './outbox-signal';
import { OutboxStore } from './outbox-store';
import { RelayConnection } from './relay-connection';

/** Runs the service's outbox relay for the life of the application. */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly relay?: OutboxRelay;
  private readonly connection?: RelayConnection;
  private unsubscribe?: () => void;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingModuleOptions,
    private readonly amqp: AmqpConnection,
  ) {
    const outbox = options.outbox;
    if (!outbox) return;
    // The service's own pool: the relay's few statements (sweeps, polls) share its budget.
    const store = new OutboxStore(outbox.pool, outbox.archive);
    this.connection = new RelayConnection(options.rabbitmqUrl, new Set(outbox.mayFindNoQueue));
    this.relay = new OutboxRelay(store, this.connection, {
      pollIntervalMs: outbox.pollIntervalMs,
      batchSize: outbox.batchSize ?? 200,
      publishTimeoutMs: PUBLISH_TIMEOUT_MS,
    });
  }

  onApplicationBootstrap(): void {
    const { relay } = this;
    const pool = this.options.outbox?.pool;
    if (!relay || !pool) return;
    this.unsubscribe = onOutboxCommitted(pool, (committed) => relay.committed(committed));
    relay.start();
  }

  /**
   * Graceful stop, before the broker connection and the database close: stop
   * consuming, let in-flight handlers finish (their transactions commit and
   * their acks go out), then publish what they left in the outbox.
   */
  async beforeApplicationShutdown(): Promise<void> {
    await drainConsumers(this.amqp);
    await this.relay?.stop();
    await this.connection?.close();
    this.unsubscribe?.();
  }
}
