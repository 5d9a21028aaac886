import type { INestApplication } from '@nestjs/common';
import amqplib, { type ChannelModel, type ConfirmChannel, type GetMessage } from 'amqplib';
import request from 'supertest';
import { Exchanges, Queues, type Envelope } from '@dinner-rush/contracts';
import { loadConfig, startService } from '@dinner-rush/service-kit';
import {
  createTestDatabase,
  createTestVhost,
  waitFor,
  type TestDatabase,
  type TestVhost,
} from '@dinner-rush/testing';
import { AppModule } from '../src/app.module';
import { merchantNotifyEnvSchema } from '../src/config';

/** merchant-notify running in-process on its own database and vhost, plus a test-side broker client. */
export interface MerchantNotifyHarness {
  app: INestApplication;
  http: () => ReturnType<typeof request>;
  broker: TestBroker;
  close(): Promise<void>;
}

export async function startMerchantNotify(
  env: Record<string, string> = {},
): Promise<MerchantNotifyHarness> {
  const db: TestDatabase = await createTestDatabase('merchant_notify');
  const vhost: TestVhost = await createTestVhost('merchant-notify');
  const url = await db.migrate('merchant-notify', 'merchant_notify');
  const config = loadConfig(merchantNotifyEnvSchema, {
    DATABASE_URL: url,
    RABBITMQ_URL: vhost.url,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    SEED_DEMO_DATA: 'true',
    OUTBOX_POLL_MS: '200',
    ...env,
  });
  const app = await startService({
    module: AppModule.forConfig(config),
    port: 0,
    shutdownHooks: false,
  });
  const http = () => request(app.getHttpServer());
  await waitFor(async () => ((await http().get('/health')).status === 200 ? true : undefined), {
    what: 'GET /health 200',
  });
  const broker = await TestBroker.connect(vhost.url);
  return {
    app,
    http,
    broker,
    async close() {
      await broker.close();
      await app.close();
      await vhost.delete();
      await db.drop();
    },
  };
}

/** What a test does on the broker directly: publish order events, watch status events, read the DLQ. */
export class TestBroker {
  /** Every status event seen on `orders.status` since connect, in arrival order. */
  readonly statusEvents: Envelope[] = [];

  private constructor(
    private readonly connection: ChannelModel,
    private readonly channel: ConfirmChannel,
  ) {}

  static async connect(url: string): Promise<TestBroker> {
    const connection = await amqplib.connect(url);
    const channel = await connection.createConfirmChannel();
    const broker = new TestBroker(connection, channel);
    await channel.assertExchange(Exchanges.orderStatus, 'topic', { durable: true });
    const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true });
    await channel.bindQueue(queue, Exchanges.orderStatus, '#');
    await channel.consume(
      queue,
      (msg) => {
        if (msg) broker.statusEvents.push(JSON.parse(msg.content.toString()) as Envelope);
      },
      { noAck: true },
    );
    await broker.waitForQueue(Queues.merchantNotify.queue);
    return broker;
  }

  /** Publishing before the service declared its queue would drop the message unrouted. */
  private async waitForQueue(queue: string): Promise<void> {
    await waitFor(
      async () => {
        // A failed check closes its channel, so each probe gets its own.
        const probe = await this.connection.createChannel();
        try {
          await probe.checkQueue(queue);
          await probe.close();
          return true;
        } catch {
          return undefined;
        }
      },
      { what: `queue ${queue}` },
    );
  }

  async publish(envelope: Envelope): Promise<void> {
    await this.publishRaw(envelope.type, Buffer.from(JSON.stringify(envelope)));
  }

  /** Any bytes, routed like an order event (for malformed-message tests). */
  async publishRaw(routingKey: string, content: Buffer): Promise<void> {
    this.channel.publish(Exchanges.orders, routingKey, content, {
      persistent: true,
      contentType: 'application/json',
    });
    await this.channel.waitForConfirms();
  }

  async waitForStatus(
    predicate: (event: Envelope) => boolean,
    what = 'status event',
  ): Promise<Envelope> {
    return waitFor(async () => Promise.resolve(this.statusEvents.find(predicate)), { what });
  }

  /** The next message on the service's dead-letter queue (acked, so the next call sees the next one). */
  async nextDeadLetter(): Promise<GetMessage> {
    return waitFor(
      async () => {
        const msg = await this.channel.get(Queues.merchantNotify.deadLetterQueue, {
          noAck: true,
        });
        return msg === false ? undefined : msg;
      },
      { what: 'a dead-lettered message' },
    );
  }

  async close(): Promise<void> {
    await this.connection.close();
  }
}
