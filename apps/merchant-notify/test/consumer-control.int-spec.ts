import { Queues } from '@dinner-rush/contracts';
import { BrokerProbe, startAppUnderTest, waitFor, type AppUnderTest } from '@dinner-rush/testing';
import { connect, type ChannelModel } from 'amqplib';
import { AppModule } from '../src/app.module';
import { merchantNotifyEnvSchema } from '../src/config';
import { aMerchantId, orderCreatedEvent } from './factories';

/**
 * The consumer admin API and /metrics on a real consumer (merchant-notify, in-process,
 * own database and vhost): pausing cancels the broker consumer without losing
 * or acking anything; resuming drains what waited; the work time changes live;
 * every handled message is counted by outcome.
 */
describe('consumer control and metrics (merchant-notify on real PostgreSQL + RabbitMQ)', () => {
  const queue = Queues.merchantNotify.queue;
  const merchantId = aMerchantId();
  const newOrder = () => orderCreatedEvent({ merchantId });
  let service: AppUnderTest;
  let broker: BrokerProbe;
  let inspector: ChannelModel;

  const http = () => service.http();
  /** The merchant's notifications about one order (the handler's effect). */
  const notifications = async (orderId: string) => {
    const res = await http().get(`/merchants/${merchantId}/notifications`).expect(200);
    return (res.body as { orderId: string }[]).filter((n) => n.orderId === orderId).length;
  };
  const untilNotified = (orderId: string) =>
    waitFor(async () => ((await notifications(orderId)) === 1 ? true : undefined), {
      what: `a notification about ${orderId}`,
    });
  /** Ready messages and consumers, as the broker counts them. */
  const queueState = async () => {
    const channel = await inspector.createChannel();
    try {
      const { messageCount, consumerCount } = await channel.checkQueue(queue);
      return { ready: messageCount, consumers: consumerCount };
    } finally {
      await channel.close();
    }
  };
  const metric = async (series: string): Promise<number> => {
    const text = (await http().get('/metrics')).text;
    const line = text.split('\n').find((l) => l.startsWith(`${series} `));
    return line ? Number(line.slice(series.length + 1)) : 0;
  };
  const handled = (outcome: string) =>
    metric(`messages_handled_total{queue="${queue}",type="order.created.v1",outcome="${outcome}"}`);

  beforeAll(async () => {
    service = await startAppUnderTest({
      service: 'merchant-notify',
      schema: 'merchant_notify',
      envSchema: merchantNotifyEnvSchema,
      module: (config) => AppModule.forConfig(config),
      env: { PREFETCH: '5', WORK_TIME_MS: '0' },
    });
    broker = await BrokerProbe.open(service.brokerUrl);
    inspector = await connect(service.brokerUrl);
    await broker.untilConsuming(queue);
  });

  afterAll(async () => {
    await inspector?.close();
    await broker?.close();
    await service?.close();
  });

  it('serves Prometheus metrics: process, HTTP, outbox lag', async () => {
    await http().get(`/merchants/${merchantId}/notifications`).expect(200);
    const res = await http().get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toMatch(/^process_resident_memory_bytes \d+/m);
    expect(res.text).toMatch(/^outbox_pending_messages \d+/m);
    expect(res.text).toMatch(/^outbox_oldest_pending_age_seconds [\d.e+-]+/m);
    expect(res.text).toMatch(
      /^http_request_duration_seconds_count\{method="GET",route="\/merchants\/:id\/notifications",status_code="200"\} [1-9]/m,
    );
    expect(res.text).not.toMatch(/route="\/metrics"/);
  });

  it('counts applied and duplicate messages per queue and type', async () => {
    const event = newOrder();
    await broker.publishOrderEvent(event);
    await untilNotified(event.data.orderId);
    await waitFor(async () => ((await handled('applied')) >= 1 ? true : undefined), {
      what: 'the applied message counted',
    });
    await broker.publishOrderEvent(event); // a redelivery: same message id
    await waitFor(async () => ((await handled('duplicate')) === 1 ? true : undefined), {
      what: 'the duplicate counted',
    });
    expect(await notifications(event.data.orderId)).toBe(1);
    expect(await metric(`outbox_published_total`)).toBeGreaterThanOrEqual(1);
  });

  it('lists the consumers and the work time', async () => {
    const res = await http().get('/admin/consumers').expect(200);
    expect(res.body).toEqual({
      workTimeMs: 0,
      consumers: [{ queue, handler: 'OrderEventsHandler.apply', paused: false }],
    });
  });

  it('pausing lets in-flight messages finish and keeps the rest in the queue; resuming drains them', async () => {
    // Slow handlers so the first messages are still in flight when the pause lands.
    await http().put('/admin/consumers/work-time').send({ workTimeMs: 300 }).expect(200);
    const inFlight = Array.from({ length: 3 }, () => newOrder());
    for (const event of inFlight) await broker.publishOrderEvent(event);
    await waitFor(async () => ((await queueState()).ready === 0 ? true : undefined), {
      what: 'the first messages delivered',
    });

    const paused = await http().post(`/admin/consumers/${queue}/pause`).expect(200);
    expect(paused.body).toMatchObject({ consumers: [{ queue, paused: true }] });
    // In-flight messages finish and are acked; a quorum queue drops the cancelled consumer once they are settled.
    for (const event of inFlight) await untilNotified(event.data.orderId);
    await waitFor(async () => ((await queueState()).consumers === 0 ? true : undefined), {
      what: 'the cancelled consumer gone',
    });

    const waiting = Array.from({ length: 4 }, () => newOrder());
    for (const event of waiting) await broker.publishOrderEvent(event);
    expect(await queueState()).toEqual({ ready: 4, consumers: 0 });
    for (const event of waiting) expect(await notifications(event.data.orderId)).toBe(0);

    await http().put('/admin/consumers/work-time').send({ workTimeMs: 0 }).expect(200);
    const resumed = await http().post(`/admin/consumers/${queue}/resume`).expect(200);
    expect(resumed.body).toMatchObject({ workTimeMs: 0, consumers: [{ queue, paused: false }] });
    for (const event of waiting) await untilNotified(event.data.orderId);
    await waitFor(async () => ((await queueState()).consumers === 1 ? true : undefined), {
      what: 'the consumer back on the queue',
    });
    expect((await queueState()).ready).toBe(0);
    // Nothing was dead-lettered or failed on the way.
    expect(await handled('failed')).toBe(0);
    expect(await handled('dead-lettered')).toBe(0);
  });

  it('pauses and resumes repeatedly', async () => {
    for (let round = 0; round < 2; round += 1) {
      await http().post(`/admin/consumers/${queue}/pause`).expect(200);
      await waitFor(async () => ((await queueState()).consumers === 0 ? true : undefined), {
        what: 'no consumer',
      });
      const event = newOrder();
      await broker.publishOrderEvent(event);
      expect((await queueState()).ready).toBe(1);
      await http().post(`/admin/consumers/${queue}/resume`).expect(200);
      await untilNotified(event.data.orderId);
    }
  });

  it('answers problems for an unknown queue or a bad work time', async () => {
    await http().post('/admin/consumers/nobody.orders/pause').expect(404);
    const bad = await http().put('/admin/consumers/work-time').send({ workTimeMs: -1 }).expect(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
  });
});
