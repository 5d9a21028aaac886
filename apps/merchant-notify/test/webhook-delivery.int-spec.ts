import { MerchantNotifiedV1, type Envelope } from '@dinner-rush/contracts';
import { FakeWebhookReceiver } from '@dinner-rush/testing';
import type { NotificationView } from '../src/notifications/dto/notification.schemas';
import { notificationIdFor } from '../src/notifications/notification-id';
import { aMerchantId, orderCreatedEvent } from './factories';
import { startMerchantNotify, type MerchantNotifyHarness } from './harness';

describe('merchant-notify: webhook delivery (real PostgreSQL + RabbitMQ, local HTTP endpoint)', () => {
  let mn: MerchantNotifyHarness;
  let endpoint: FakeWebhookReceiver | undefined;

  beforeAll(async () => {
    // PREFETCH 1: one message at a time in queue order, so a later "sentinel"
    // message's effect shows that every earlier one was handled.
    mn = await startMerchantNotify({
      PREFETCH: '1',
      WEBHOOK_ATTEMPTS: '3',
      WEBHOOK_BACKOFF_MS: '10',
      WEBHOOK_TIMEOUT_MS: '2000',
    });
  });

  afterEach(async () => {
    await endpoint?.stop();
    endpoint = undefined;
  });

  afterAll(async () => {
    await mn?.close();
  });

  const register = async (merchantId: string, url: string) =>
    mn.http().put(`/merchants/${merchantId}/webhook`).send({ url }).expect(200);
  const list = async (merchantId: string): Promise<NotificationView[]> =>
    (await mn.http().get(`/merchants/${merchantId}/notifications`).expect(200))
      .body as NotificationView[];
  const notifiedAbout = (orderId: string) => (e: Envelope) =>
    e.type === MerchantNotifiedV1.type && (e.data as { orderId?: string }).orderId === orderId;

  describe('PUT / GET / DELETE /merchants/:id/webhook', () => {
    it('sets, shows, replaces and removes a merchant webhook', async () => {
      const merchantId = aMerchantId();
      const put = await register(merchantId, 'https://merchant.example/hooks');
      expect(put.body).toMatchObject({ merchantId, url: 'https://merchant.example/hooks' });

      await register(merchantId, 'https://merchant.example/v2/hooks');
      const shown = await mn.http().get(`/merchants/${merchantId}/webhook`).expect(200);
      expect(shown.body).toMatchObject({ url: 'https://merchant.example/v2/hooks' });

      await mn.http().delete(`/merchants/${merchantId}/webhook`).expect(204);
      await mn.http().delete(`/merchants/${merchantId}/webhook`).expect(204);
      const gone = await mn.http().get(`/merchants/${merchantId}/webhook`).expect(404);
      expect(gone.headers['content-type']).toMatch(/^application\/problem\+json/);
    });

    it.each([
      ['a missing url', {}],
      ['a non-URL', { url: 'not a url' }],
      ['a non-http scheme', { url: 'ftp://merchant.example/hooks' }],
      ['an unknown field', { url: 'https://merchant.example/hooks', secret: 'x' }],
    ])('rejects %s with 400 problem+json', async (_case, body) => {
      const res = await mn.http().put(`/merchants/${aMerchantId()}/webhook`).send(body).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 400, code: 'validation-failed' });
      expect(res.body.errors.length).toBeGreaterThan(0);
    });

    it('rejects an over-long merchant id with 400 problem+json', async () => {
      const res = await mn
        .http()
        .delete(`/merchants/${'m'.repeat(101)}/webhook`)
        .expect(400);
      expect(res.body).toMatchObject({ code: 'validation-failed' });
    });
  });

  it('POSTs the notification to the webhook and reports channel webhook', async () => {
    endpoint = await FakeWebhookReceiver.start();
    const created = orderCreatedEvent();
    await register(created.data.merchantId, endpoint.url);
    await mn.broker.publishOrderEvent(created);

    const status = await mn.broker.untilStatusMatching(notifiedAbout(created.data.orderId));
    const notificationId = notificationIdFor(created.messageId);
    expect(status.data).toMatchObject({ notificationId, channel: 'webhook' });

    expect(endpoint.received).toHaveLength(1);
    const [call] = endpoint.received;
    expect(call?.headers['idempotency-key']).toBe(notificationId);
    expect(call?.headers['content-type']).toBe('application/json');
    expect(call?.body).toMatchObject({
      notificationId,
      kind: 'order.created',
      orderId: created.data.orderId,
      merchantId: created.data.merchantId,
      occurredAt: created.occurredAt,
      order: { status: 'created', totalCents: created.data.totalCents },
    });
    expect(await list(created.data.merchantId)).toMatchObject([
      { id: notificationId, channel: 'webhook' },
    ]);
  });

  it('does not call the webhook again for a redelivered message', async () => {
    endpoint = await FakeWebhookReceiver.start();
    const created = orderCreatedEvent();
    await register(created.data.merchantId, endpoint.url);
    await mn.broker.publishOrderEvent(created);
    await mn.broker.publishOrderEvent(created);
    const sentinel = orderCreatedEvent({ merchantId: created.data.merchantId });
    await mn.broker.publishOrderEvent(sentinel);

    await mn.broker.untilStatusMatching(notifiedAbout(sentinel.data.orderId));
    expect(endpoint.received.map((r) => r.body.orderId)).toEqual([
      created.data.orderId,
      sentinel.data.orderId,
    ]);
  });

  it('retries a webhook that fails twice and records the delivery once', async () => {
    endpoint = await FakeWebhookReceiver.start([500, 503]);
    const created = orderCreatedEvent();
    await register(created.data.merchantId, endpoint.url);
    await mn.broker.publishOrderEvent(created);

    await mn.broker.untilStatusMatching(notifiedAbout(created.data.orderId));
    const keys = endpoint.received.map((r) => r.headers['idempotency-key']);
    expect(keys).toEqual(Array(3).fill(notificationIdFor(created.messageId)));
    expect(await list(created.data.merchantId)).toHaveLength(1);
    expect(mn.broker.statusEvents.filter(notifiedAbout(created.data.orderId))).toHaveLength(1);
  });

  it('leaves a message failing all quick retries to the broker, which redelivers it', async () => {
    // Three in-process attempts fail, the message goes back to the queue; the
    // redelivery fails once more, then the endpoint recovers.
    endpoint = await FakeWebhookReceiver.start([500, 500, 500, 500]);
    const created = orderCreatedEvent();
    await register(created.data.merchantId, endpoint.url);
    await mn.broker.publishOrderEvent(created);

    await mn.broker.untilStatusMatching(notifiedAbout(created.data.orderId));
    expect(endpoint.received).toHaveLength(5);
    expect(new Set(endpoint.received.map((r) => r.headers['idempotency-key']))).toEqual(
      new Set([notificationIdFor(created.messageId)]),
    );
    expect(await list(created.data.merchantId)).toMatchObject([{ channel: 'webhook' }]);
  });

  it('keeps notifications in the inbox once the webhook is removed', async () => {
    const merchantId = aMerchantId();
    await register(merchantId, 'http://127.0.0.1:9/never-called');
    await mn.http().delete(`/merchants/${merchantId}/webhook`).expect(204);
    const created = orderCreatedEvent({ merchantId });
    await mn.broker.publishOrderEvent(created);

    const status = await mn.broker.untilStatusMatching(notifiedAbout(created.data.orderId));
    expect(status.data).toMatchObject({ channel: 'inbox' });
  });
});
