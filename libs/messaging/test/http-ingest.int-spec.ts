import { randomUUID } from 'node:crypto';
import { Injectable, Module } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  consumerQueue,
  Exchanges,
  OrderCancelledV1,
  OrderCreatedV1,
  type Envelope,
} from '@dinner-rush/contracts';
import {
  consumerSubscription,
  EventRouter,
  HttpIngestModule,
  MessagingModule,
  RabbitSubscribe,
} from '@dinner-rush/messaging';
import { loggingModule, SERVICE_NAME, startService } from '@dinner-rush/service-kit';
import {
  BrokerProbe,
  createTestVhost,
  orderCancelledEvent,
  orderCreatedEventFor,
  waitFor,
  type OrderCreatedData,
  type TestVhost,
} from '@dinner-rush/testing';
import request from 'supertest';

const names = consumerQueue('http-ingest-test', 'orders');

/** A consumer like the apps' handlers: EventRouter validation, then the effect (recorded here). */
@Injectable()
class RecordingHandler {
  readonly applied: string[] = [];
  private readonly router = new EventRouter().on(OrderCreatedV1, async (event) => {
    if (event.data.customerId === 'database-down') throw new Error('connection refused');
    this.applied.push(event.messageId);
    await Promise.resolve();
  });

  @RabbitSubscribe(consumerSubscription(names, Exchanges.orders, [OrderCreatedV1.type]))
  async handle(message: unknown): Promise<void> {
    await this.router.dispatch(message);
  }
}

function orderData(customerId = 'c-1'): OrderCreatedData {
  return {
    orderId: randomUUID(),
    customerId,
    merchantId: 'm-1',
    merchantName: 'Test Kitchen',
    merchantLocation: { lat: 52.52, lng: 13.405 },
    items: [
      { menuItemId: 'i-1', name: 'Dish', quantity: 2, unitPriceCents: 500, lineTotalCents: 1_000 },
    ],
    itemsTotalCents: 1_000,
    deliveryFeeCents: 299,
    totalCents: 1_299,
    currency: 'EUR',
    deliveryAddress: { line1: '1 Teststraße', lat: 52.51, lng: 13.41 },
    placedAt: new Date().toISOString(),
  };
}

/**
 * POST /events (HTTP_INGEST) runs an event through the same @RabbitSubscribe
 * method the queue delivers to, and answers the way the failure policy would
 * decide: 200 applied, 422 what would be dead-lettered, 503 what would be retried.
 */
describe('HTTP ingestion of events (real RabbitMQ)', () => {
  let vhost: TestVhost;
  let app: NestExpressApplication;
  let probe: BrokerProbe;
  let handler: RecordingHandler;
  const post = (body: unknown) =>
    request(app.getHttpServer())
      .post('/events')
      .send(body as object);

  beforeAll(async () => {
    vhost = await createTestVhost('http-ingest');
    @Module({
      imports: [
        loggingModule('http-ingest-test', 'silent'),
        MessagingModule.forRootAsync({
          useFactory: () => ({ rabbitmqUrl: vhost.url, prefetch: 5, consumes: [names] }),
        }),
        HttpIngestModule,
      ],
      providers: [RecordingHandler, { provide: SERVICE_NAME, useValue: 'http-ingest-test' }],
    })
    class TestModule {}
    app = await startService({ module: TestModule, port: 0, shutdownHooks: false });
    handler = app.get(RecordingHandler);
    probe = await BrokerProbe.open(vhost.url);
    await probe.untilConsuming(names.queue);
  });

  afterAll(async () => {
    await probe?.close();
    await app?.close();
    await vhost?.delete();
  });

  it('hands an event to the handler subscribed to its type and says which one ran it', async () => {
    const event = orderCreatedEventFor(orderData());
    const response = await post(event);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      messageId: event.messageId,
      type: OrderCreatedV1.type,
      handledBy: ['RecordingHandler.handle'],
    });
    expect(handler.applied).toContain(event.messageId);
  });

  it('leaves the queue path as it was: a published event reaches the same handler', async () => {
    const event = orderCreatedEventFor(orderData());
    await probe.publishOrderEvent(event);
    await waitFor(() => (handler.applied.includes(event.messageId) ? true : undefined));
  });

  it('answers 422 problem+json for what the queue would dead-letter', async () => {
    const notSubscribed = await post(
      orderCancelledEvent({ orderId: randomUUID(), merchantId: 'm-1', customerId: 'c-1' }),
    );
    expect(notSubscribed.status).toBe(422);
    expect(notSubscribed.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(notSubscribed.body).toMatchObject({ code: 'unknown-type', status: 422 });
    expect(String(notSubscribed.body.detail)).toContain(OrderCancelledV1.type);

    const badData: Envelope = { ...orderCreatedEventFor(orderData()), data: { orderId: 'x' } };
    expect((await post(badData)).body).toMatchObject({ code: 'invalid-data', status: 422 });
    expect((await post({ hello: 'world' })).body).toMatchObject({ code: 'invalid-envelope' });
  });

  it('answers 503 for a transient failure, which the queue would retry', async () => {
    const response = await post(orderCreatedEventFor(orderData('database-down')));
    expect(response.status).toBe(503);
    expect(response.body).toMatchObject({ code: 'transient-failure' });
  });
});
