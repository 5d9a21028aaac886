import { MerchantNotifiedV1, type Envelope } from '@dinner-rush/contracts';
import { FakeWebhookReceiver, silentAnswer, waitFor } from '@dinner-rush/testing';
import type { NotificationView } from '../src/notifications/dto/notification.schemas';
import { notificationIdFor } from '../src/notifications/notification-id';
import { aMerchantId, orderCreatedEvent } from './factories';
import { startMerchantNotify, type MerchantNotifyHarness } from './harness';
import { signatureVerifies } from './signature-check';

describe('merchant-notify: webhook delivery (real PostgreSQL + RabbitMQ, local HTTP endpoint)', () => {
  let mn: MerchantNotifyHarness;
  let endpoint: FakeWebhookReceiver | undefined;

  beforeAll(async () => {
    // PREFETCH 1: one message at a time in queue order, so a later "sentinel"
    // message's effect shows that every earlier one was handled.
    // The local receivers (127.0.0.1) and the example merchant host are allowed by the
    // operator's list; merchant.example is never resolved, so nothing leaves the machine.
    mn = await startMerchantNotify({
      PREFETCH: '1',
      WEBHOOK_ALLOWED_HOSTS: '127.0.0.1, merchant.example',
      WEBHOOK_ATTEMPTS: '5',
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

  /** As the merchant itself: a webhook is the merchant's own to register. */
  const register = async (merchantId: string, url: string) =>
    (await mn.as('merchant', merchantId))
      .put(`/merchants/${merchantId}/webhook`)
      .send({ url })
      .expect(200);
  /** Registers a new webhook and answers the signing secret shown for it (once). */
  const registerNew = async (merchantId: string, url: string): Promise<string> =>
    (await register(merchantId, url)).body.signingSecret as string;
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
      expect(put.body.signingSecret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);

      // Replacing the URL keeps the secret, and does not show it again; neither does GET.
      const replaced = await register(merchantId, 'https://merchant.example/v2/hooks');
      expect(replaced.body).not.toHaveProperty('signingSecret');
      const shown = await mn.http().get(`/merchants/${merchantId}/webhook`).expect(200);
      expect(shown.body).toEqual({
        merchantId,
        url: 'https://merchant.example/v2/hooks',
        updatedAt: expect.any(String),
      });

      await mn.http().delete(`/merchants/${merchantId}/webhook`).expect(204);
      await mn.http().delete(`/merchants/${merchantId}/webhook`).expect(204);
      const gone = await mn.http().get(`/merchants/${merchantId}/webhook`).expect(404);
      expect(gone.headers['content-type']).toMatch(/^application\/problem\+json/);

      // Registering again after removal is a new webhook with a new secret.
      const again = await register(merchantId, 'https://merchant.example/hooks');
      expect(again.body.signingSecret).toMatch(/^whsec_/);
      expect(again.body.signingSecret).not.toBe(put.body.signingSecret);
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

  it('POSTs the notification, signed the Standard Webhooks way, and reports channel webhook', async () => {
    endpoint = await FakeWebhookReceiver.start();
    const created = orderCreatedEvent();
    const secret = await registerNew(created.data.merchantId, endpoint.url);
    await mn.broker.publishOrderEvent(created);

    const status = await mn.broker.untilStatusMatching(notifiedAbout(created.data.orderId));
    const notificationId = notificationIdFor(created.messageId);
    expect(status.data).toMatchObject({ notificationId, channel: 'webhook' });
    expect(status).toMatchObject({
      correlationId: created.correlationId,
      causationId: created.messageId,
    });

    expect(endpoint.received).toHaveLength(1);
    const [call] = endpoint.received;
    expect(call?.headers['idempotency-key']).toBe(notificationId);
    expect(call?.headers['webhook-id']).toBe(notificationId);
    expect(Number(call?.headers['webhook-timestamp'])).toBeCloseTo(Date.now() / 1000, -2);
    expect(signatureVerifies(secret, call!)).toBe(true);
    // Signed under this merchant's key only: another secret, or another body, fails.
    expect(signatureVerifies(`whsec_${Buffer.alloc(32, 1).toString('base64')}`, call!)).toBe(false);
    expect(
      signatureVerifies(secret, { ...call!, raw: call!.raw.replace('created', 'cancelled') }),
    ).toBe(false);
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
      { id: notificationId, channel: 'webhook', status: 'delivered', failure: null },
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

  it('retries a webhook that fails, with the same webhook-id and a fresh signature, and records the delivery once', async () => {
    endpoint = await FakeWebhookReceiver.start([500, 503, 500, 404]);
    const created = orderCreatedEvent();
    const secret = await registerNew(created.data.merchantId, endpoint.url);
    await mn.broker.publishOrderEvent(created);

    await mn.broker.untilStatusMatching(notifiedAbout(created.data.orderId));
    const notificationId = notificationIdFor(created.messageId);
    expect(endpoint.received.map((r) => r.headers['webhook-id'])).toEqual(
      Array(5).fill(notificationId),
    );
    expect(endpoint.received.every((r) => signatureVerifies(secret, r))).toBe(true);
    expect(new Set(endpoint.received.map((r) => r.raw)).size).toBe(1);
    expect(await list(created.data.merchantId)).toMatchObject([{ status: 'delivered' }]);
    expect(mn.broker.statusEvents.filter(notifiedAbout(created.data.orderId))).toHaveLength(1);
  });

  it('fails a delivery for good once its tries are spent, with the reason, and tells nobody it was notified', async () => {
    endpoint = await FakeWebhookReceiver.start([500, 500, 500, 500, 503]);
    const created = orderCreatedEvent();
    await register(created.data.merchantId, endpoint.url);
    await mn.broker.publishOrderEvent(created);

    const [failed] = await waitFor(
      async () => {
        const rows = await list(created.data.merchantId);
        return rows[0]?.status === 'failed' ? rows : undefined;
      },
      { what: 'the delivery failed for good' },
    );
    expect(failed?.failure).toBe('failed after 5 tries; last: http-status: HTTP 503');
    expect(endpoint.received).toHaveLength(5);
    // Its message was applied once and acked: nothing waits in the queue or the dead-letter queue.
    const sentinel = orderCreatedEvent();
    await mn.broker.publishOrderEvent(sentinel);
    await mn.broker.untilStatusMatching(notifiedAbout(sentinel.data.orderId));
    expect(mn.broker.statusEvents.filter(notifiedAbout(created.data.orderId))).toEqual([]);
    const { rows } = await mn.sql.query('SELECT count(*)::int AS n FROM webhook_deliveries');
    expect(rows[0]).toEqual({ n: 0 });
  });

  it('keeps a queued notification in the inbox when the webhook is removed before it is sent', async () => {
    const merchantId = aMerchantId();
    // A receiver that never answers holds the merchant's first delivery while the second waits.
    endpoint = await FakeWebhookReceiver.start([silentAnswer]);
    await register(merchantId, endpoint.url);
    const first = orderCreatedEvent({ merchantId });
    const second = orderCreatedEvent({ merchantId });
    await mn.broker.publishOrderEvent(first);
    await waitFor(() => (endpoint!.received.length === 1 ? true : undefined), {
      what: 'the first POST under way',
    });
    await mn.broker.publishOrderEvent(second);
    await waitFor(async () => ((await list(merchantId)).length === 2 ? true : undefined), {
      what: 'the second notification queued',
    });
    await mn.http().delete(`/merchants/${merchantId}/webhook`).expect(204);

    const status = await mn.broker.untilStatusMatching(notifiedAbout(second.data.orderId));
    expect(status.data).toMatchObject({ channel: 'inbox' });
    expect(await list(merchantId)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          orderId: second.data.orderId,
          channel: 'inbox',
          status: 'stored',
        }),
      ]),
    );
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
