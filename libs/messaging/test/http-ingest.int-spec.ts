import { randomUUID } from 'node:crypto';
import { Injectable, Module } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  consumerQueue,
  OrderCancelledV1,
  OrderCreatedV1,
  type Envelope,
} from '@dinner-rush/contracts';
import {
  ConsumeBatches,
  eventConsumer,
  HttpIngestModule,
  messagesOfType,
  MessagingModule,
  type BatchMessage,
} from '@dinner-rush/messaging';
import { loggingModule, SERVICE_NAME, startService } from '@dinner-rush/service-kit';
import {
  BrokerProbe,
  createTestVhost,
  orderCancelledEvent,
  orderCreatedEvent,
  waitFor,
  type TestVhost,
} from '@dinner-rush/testing';
import request from 'supertest';

const names = consumerQueue('http-ingest-test', 'orders');

/** A consumer like the apps' handlers: contract validation, then the effect (recorded here). */
@Injectable()
class RecordingHandler {
  readonly applied: string[] = [];

  @ConsumeBatches(eventConsumer(names, [OrderCreatedV1]))
  apply(batch: readonly BatchMessage[]): Promise<void> {
    for (const message of messagesOfType(batch, OrderCreatedV1)) {
      if (message.envelope.data.customerId === 'database-down') {
        message.reject(new Error('connection refused'));
      } else {
        this.applied.push(message.envelope.messageId);
      }
    }
    return Promise.resolve();
  }
}

/**
 * POST /events (HTTP_INGEST) runs an event through the same batch consumer
 * the queue delivers to, and answers the way the failure policy would
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
    const event = orderCreatedEvent();
    const response = await post(event);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      messageId: event.messageId,
      type: OrderCreatedV1.type,
      handledBy: ['RecordingHandler.apply'],
    });
    expect(handler.applied).toContain(event.messageId);
  });

  it('leaves the queue path as it was: a published event reaches the same handler', async () => {
    const event = orderCreatedEvent();
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

    const badData: Envelope = { ...orderCreatedEvent(), data: { orderId: 'x' } };
    expect((await post(badData)).body).toMatchObject({ code: 'invalid-data', status: 422 });
    expect((await post({ hello: 'world' })).body).toMatchObject({ code: 'invalid-envelope' });
  });

  it('answers 503 for a transient failure, which the queue would retry', async () => {
    const response = await post(orderCreatedEvent({ customerId: 'database-down' }));
    expect(response.status).toBe(503);
    expect(response.body).toMatchObject({ code: 'transient-failure' });
  });
});
