import type { NestExpressApplication } from '@nestjs/platform-express';
import { Exchanges, type Envelope } from '@dinner-rush/contracts';
import { createPgPool } from '@dinner-rush/database';
import { loadConfig, startService } from '@dinner-rush/service-kit';
import {
  createTestDatabase,
  createTestVhost,
  waitFor,
  type TestDatabase,
  type TestVhost,
} from '@dinner-rush/testing';
import { connect, type Channel, type ChannelModel, type ConsumeMessage } from 'amqplib';
import type { Pool } from 'pg';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { orderServiceEnvSchema } from '../src/config';

/** Messages arriving on a temporary queue, kept in arrival order. */
export interface Tap {
  messages: ConsumeMessage[];
  /** Waits for a message matching `match` and returns it with its JSON body. */
  next(
    match: (body: Envelope, msg: ConsumeMessage) => boolean,
    what: string,
  ): Promise<{ body: Envelope; msg: ConsumeMessage }>;
  /** Every message that parsed as JSON. */
  bodies(): Envelope[];
}

/**
 * One order-service on its own database and vhost, driven like production:
 * HTTP through supertest, events through a real broker, state read with SQL.
 */
export class OrderServiceHarness {
  private constructor(
    readonly app: NestExpressApplication,
    readonly sql: Pool,
    readonly channel: Channel,
    private readonly amqp: ChannelModel,
    private readonly db: TestDatabase,
    private readonly vhost: TestVhost,
  ) {}

  static async start(env: Record<string, string> = {}): Promise<OrderServiceHarness> {
    const db = await createTestDatabase('order_service');
    const url = await db.migrate('order-service', 'orders');
    const vhost = await createTestVhost('order-service');
    const config = loadConfig(orderServiceEnvSchema, {
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
      async () => (await request(app.getHttpServer()).get('/health')).status === 200 || undefined,
      { what: 'GET /health 200' },
    );
    const amqp = await connect(vhost.url);
    const channel = await amqp.createChannel();
    return new OrderServiceHarness(app, createPgPool(url, 2), channel, amqp, db, vhost);
  }

  http() {
    return request(this.app.getHttpServer());
  }

  async count(table: 'orders' | 'order_lines' | 'outbox' | 'idempotency_keys' | 'order_timeline') {
    const { rows } = await this.sql.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
    return Number(rows[0]?.n);
  }

  /** Publishes raw bytes or an envelope to an exchange, as another service would. */
  publish(exchange: string, routingKey: string, message: Envelope | Buffer): void {
    const content = Buffer.isBuffer(message) ? message : Buffer.from(JSON.stringify(message));
    this.channel.publish(exchange, routingKey, content, {
      persistent: true,
      contentType: 'application/json',
    });
  }

  publishStatus(envelope: Envelope): void {
    this.publish(Exchanges.orderStatus, envelope.type, envelope);
  }

  /** A temporary queue bound to `exchange` (asserted as the service declares it). */
  async tap(exchange: string, routingKey: string): Promise<Tap> {
    await this.channel.assertExchange(exchange, 'topic', { durable: true });
    return this.consume(
      (await this.channel.assertQueue('', { exclusive: true })).queue,
      exchange,
      routingKey,
    );
  }

  /** Reads a queue the service owns (e.g. its dead-letter queue). */
  consumeQueue(queue: string): Promise<Tap> {
    return this.consume(queue);
  }

  private async consume(queue: string, exchange?: string, routingKey?: string): Promise<Tap> {
    if (exchange && routingKey) await this.channel.bindQueue(queue, exchange, routingKey);
    const messages: ConsumeMessage[] = [];
    await this.channel.consume(queue, (msg) => msg && messages.push(msg), { noAck: true });
    const parse = (msg: ConsumeMessage) => JSON.parse(msg.content.toString()) as Envelope;
    return {
      messages,
      bodies: () =>
        messages.flatMap((m) => {
          try {
            return [parse(m)];
          } catch {
            return [];
          }
        }),
      next: (match, what) => {
        const found = () => {
          const msg = messages.find((m) => {
            try {
              return match(parse(m), m);
            } catch {
              return false; // not JSON: never what a test is waiting for here
            }
          });
          return msg && { body: parse(msg), msg };
        };
        return waitFor(() => Promise.resolve(found()), { what, timeoutMs: 15_000 });
      },
    };
  }

  async close(): Promise<void> {
    await this.amqp.close().catch(() => undefined);
    await this.app?.close();
    await this.sql.end();
    await this.vhost.delete();
    await this.db.drop();
  }
}
