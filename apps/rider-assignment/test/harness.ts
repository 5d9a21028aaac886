import type { NestExpressApplication } from '@nestjs/platform-express';
import { Exchanges, Queues, type Envelope } from '@dinner-rush/contracts';
import { createPgPool } from '@dinner-rush/database';
import { loadConfig, startService } from '@dinner-rush/service-kit';
import {
  createTestDatabase,
  createTestVhost,
  waitFor,
  type TestDatabase,
  type TestVhost,
} from '@dinner-rush/testing';
import { connect, type ChannelModel, type ConfirmChannel, type ConsumeMessage } from 'amqplib';
import type { Pool } from 'pg';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { riderAssignmentEnvSchema } from '../src/config';
import { DeliveriesQueue } from '../src/dispatch/delivery-timer';

export interface RiderBody {
  id: string;
  name: string;
  status: 'available' | 'busy';
  position: { lat: number; lng: number };
  currentOrderId: string | null;
}

export interface AssignmentBody {
  orderId: string;
  status: 'waiting' | 'assigned' | 'delivered' | 'cancelled';
  riderId: string | null;
  distanceKm: number | null;
  waitedMs: number | null;
  requestedAt: string | null;
  assignedAt: string | null;
  deliveredAt: string | null;
  cancelledAt: string | null;
}

/**
 * One rider-assignment on its own database and vhost, driven like production:
 * events in through the real broker (tests may speak amqplib; the service may
 * not), status events recorded from `orders.status`, state read over HTTP and SQL.
 */
export class RiderAssignmentHarness {
  readonly statusEvents: Envelope[] = [];

  private constructor(
    readonly app: NestExpressApplication,
    readonly sql: Pool,
    private readonly amqp: ChannelModel,
    private readonly channel: ConfirmChannel,
    private readonly db: TestDatabase,
    private readonly vhost: TestVhost,
  ) {}

  static async start(env: Record<string, string>): Promise<RiderAssignmentHarness> {
    const db = await createTestDatabase('rider_assignment');
    const url = await db.migrate('rider-assignment', 'rider_assignment');
    const vhost = await createTestVhost('rider-assignment');
    const config = loadConfig(riderAssignmentEnvSchema, {
      DATABASE_URL: url,
      RABBITMQ_URL: vhost.url,
      LOG_LEVEL: 'silent',
      SEED_DEMO_DATA: 'true',
      MIGRATE_ON_START: 'false',
      OUTBOX_POLL_MS: '200',
      ...env,
    });
    const app = await startService({
      module: AppModule.forConfig(config),
      port: 0,
      shutdownHooks: false,
    });
    await waitFor(
      async () =>
        (await request(app.getHttpServer()).get('/health')).status === 200 ? true : undefined,
      { what: 'GET /health 200' },
    );
    const amqp = await connect(vhost.url);
    const channel = await amqp.createConfirmChannel();
    const harness = new RiderAssignmentHarness(app, createPgPool(url, 2), amqp, channel, db, vhost);
    await harness.untilConsuming(Queues.riderAssignment.queue);
    await harness.untilConsuming(DeliveriesQueue.queue);
    await harness.tapStatusEvents();
    return harness;
  }

  http() {
    return request(this.app.getHttpServer());
  }

  async riders(): Promise<RiderBody[]> {
    return (await this.http().get('/riders').expect(200)).body as RiderBody[];
  }

  /** Polls GET /assignments/:orderId until `done` holds for the body. */
  untilAssignment(
    orderId: string,
    done: (a: AssignmentBody) => boolean,
    what: string,
  ): Promise<AssignmentBody> {
    return waitFor(
      async () => {
        const res = await this.http().get(`/assignments/${orderId}`);
        const body = res.body as AssignmentBody;
        return res.status === 200 && done(body) ? body : undefined;
      },
      { what: `${what} (order ${orderId})` },
    );
  }

  /** Publishes as order-service's relay does (persistent JSON, confirmed). */
  async publish(exchange: string, routingKey: string, message: Envelope | Buffer): Promise<void> {
    const content = Buffer.isBuffer(message) ? message : Buffer.from(JSON.stringify(message));
    this.channel.publish(exchange, routingKey, content, {
      persistent: true,
      contentType: 'application/json',
    });
    await this.channel.waitForConfirms();
  }

  publishOrderEvent(envelope: Envelope): Promise<void> {
    return this.publish(Exchanges.orders, envelope.type, envelope);
  }

  statusFor(orderId: string, type: string): Envelope[] {
    return this.statusEvents.filter(
      (e) => e.type === type && (e.data as { orderId?: string }).orderId === orderId,
    );
  }

  untilStatus(orderId: string, type: string): Promise<Envelope> {
    return waitFor(async () => Promise.resolve(this.statusFor(orderId, type)[0]), {
      what: `${type} for order ${orderId}`,
    });
  }

  /** Resolves once the service committed the message (its id is in the inbox). */
  untilApplied(messageId: string): Promise<true> {
    return waitFor(
      async () => {
        const { rowCount } = await this.sql.query('SELECT 1 FROM inbox WHERE message_id = $1', [
          messageId,
        ]);
        return rowCount ? true : undefined;
      },
      { what: `message ${messageId} in the inbox` },
    );
  }

  /** Outbox rows about one order with one routing key: what the service decided to publish. */
  async outboxCount(orderId: string, routingKey: string): Promise<number> {
    const { rows } = await this.sql.query<{ n: string }>(
      'SELECT count(*) AS n FROM outbox WHERE aggregate_id = $1 AND routing_key = $2',
      [orderId, routingKey],
    );
    return Number(rows[0]?.n);
  }

  /** Takes the next message from a queue (acknowledged), waiting for one to arrive. */
  nextMessage(queue: string): Promise<{ body: string; headers: Record<string, unknown> }> {
    return waitFor(
      async () => {
        const msg = await this.channel.get(queue, { noAck: true });
        if (!msg) return undefined;
        return {
          body: msg.content.toString(),
          headers: msg.properties.headers ?? {},
        };
      },
      { what: `a message in ${queue}` },
    );
  }

  async close(): Promise<void> {
    await this.amqp?.close().catch(() => undefined);
    await this.app?.close();
    await this.sql?.end();
    await this.vhost?.delete();
    await this.db?.drop();
  }

  private async tapStatusEvents(): Promise<void> {
    await this.channel.assertExchange(Exchanges.orderStatus, 'topic', { durable: true });
    const { queue } = await this.channel.assertQueue('', { exclusive: true, autoDelete: true });
    await this.channel.bindQueue(queue, Exchanges.orderStatus, '#');
    await this.channel.consume(
      queue,
      (msg: ConsumeMessage | null) => {
        if (msg) this.statusEvents.push(JSON.parse(msg.content.toString()) as Envelope);
      },
      { noAck: true },
    );
  }

  /** Waits until the service consumes `queue`, so nothing published next is routed nowhere. */
  private async untilConsuming(queue: string): Promise<void> {
    await waitFor(
      async () => {
        const channel = await this.amqp.createChannel(); // a failed check closes its channel
        try {
          const { consumerCount } = await channel.checkQueue(queue);
          return consumerCount > 0 ? true : undefined;
        } finally {
          await channel.close().catch(() => undefined);
        }
      },
      { what: `a consumer on ${queue}` },
    );
  }
}
