import { FakeWebhookReceiver, waitFor } from '@dinner-rush/testing';
import type { NotificationView } from '../src/notifications/dto/notification.schemas';
import { aMerchantId, orderCreatedEvent } from './factories';
import { startMerchantNotify, type MerchantNotifyHarness } from './harness';

/**
 * Webhooks cannot be turned against the service's own network (real
 * PostgreSQL + RabbitMQ, no operator allow list). A canary server listens on
 * every loopback address (IPv4 and IPv6) and counts TCP connections: every
 * refusal below must leave it at zero, so none was even opened.
 */
describe('merchant-notify: webhooks aimed inward are refused (real PostgreSQL + RabbitMQ)', () => {
  let mn: MerchantNotifyHarness;
  let canary: FakeWebhookReceiver;

  beforeAll(async () => {
    canary = await FakeWebhookReceiver.start([], '::');
    mn = await startMerchantNotify({ WEBHOOK_ATTEMPTS: '2', WEBHOOK_BACKOFF_MS: '10' });
  });

  afterAll(async () => {
    await mn?.close();
    await canary?.stop();
  });

  /** Where each inward webhook points; PORT is the canary's. */
  const inward: [what: string, url: string, reason: string][] = [
    ['IPv4 loopback', 'http://127.0.0.1:PORT/hook', '127.0.0.1 is a loopback address'],
    ['IPv4 loopback, short form', 'http://127.1:PORT/hook', '127.0.0.1 is a loopback'],
    ['the unspecified address', 'http://0.0.0.0:PORT/hook', '0.0.0.0 is a unspecified'],
    ['10/8', 'http://10.0.0.8/hook', '10.0.0.8 is a private address'],
    ['172.16/12', 'http://172.20.1.1/hook', '172.20.1.1 is a private address'],
    ['192.168/16', 'http://192.168.0.10/hook', '192.168.0.10 is a private address'],
    ['the cloud metadata address', 'http://169.254.169.254/latest/meta-data/', 'linkLocal'],
    ['100.64/10', 'http://100.64.0.1/hook', '100.64.0.1 is a carrierGradeNat address'],
    ['IPv6 loopback', 'http://[::1]:PORT/hook', '::1 is a loopback address'],
    ['IPv4-mapped IPv6', 'http://[::ffff:127.0.0.1]:PORT/hook', 'loopback'],
    ['NAT64 IPv6', 'http://[64:ff9b::7f00:1]:PORT/hook', 'loopback'],
    ['IPv6 unique local', 'https://[fd12::1]/hook', 'uniqueLocal'],
    ['IPv6 link-local', 'https://[fe80::1]/hook', 'linkLocal'],
    ['a name that resolves to loopback', 'http://localhost:PORT/hook', 'localhost resolves to'],
  ];

  const atCanary = (url: string) => url.replace('PORT', String(canary.port));

  it.each(inward)(
    'refuses to register %s (%s) with 400 problem+json saying why',
    async (_what, url, reason) => {
      const merchantId = aMerchantId();
      const res = await mn
        .http()
        .put(`/merchants/${merchantId}/webhook`)
        .send({ url: atCanary(url) })
        .expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 400, code: 'webhook-target-refused' });
      expect(res.body.detail).toContain(reason);
      await mn.http().get(`/merchants/${merchantId}/webhook`).expect(404);
      expect(canary.connections).toBe(0);
    },
  );

  it('refuses at connect time a stored webhook that points inward now, without connecting', async () => {
    // As if registered while its name still resolved to a public address (DNS
    // rebinding), or before this check existed: only the connect-time check stands.
    const targets = inward
      .filter(([, url]) => url.includes('PORT'))
      .map(([, url]) => ({ merchantId: aMerchantId(), url: atCanary(url) }));
    for (const { merchantId, url } of targets) {
      await mn.sql.query(
        `INSERT INTO merchant_webhooks (merchant_id, url, signing_secret) VALUES ($1, $2, $3)`,
        [merchantId, url, `whsec_${Buffer.alloc(32, 7).toString('base64')}`],
      );
      await mn.broker.publishOrderEvent(orderCreatedEvent({ merchantId }));
    }

    for (const { merchantId, url } of targets) {
      const notification = await waitFor(
        async () => {
          const res = await mn.http().get(`/merchants/${merchantId}/notifications`).expect(200);
          const [first] = res.body as NotificationView[];
          return first?.status === 'failed' ? first : undefined;
        },
        { what: `the delivery to ${url} failed` },
      );
      expect(notification.failure).toMatch(
        /^failed after 2 tries; last: address-refused: refused: /,
      );
    }
    expect(canary.connections).toBe(0);
    expect(canary.received).toEqual([]);
    const metrics = (await mn.http().get('/metrics').expect(200)).text;
    const refused = /^webhook_tries_total\{result="address-refused"\} (\d+)/m.exec(metrics);
    expect(Number(refused?.[1])).toBeGreaterThanOrEqual(targets.length * 2);
  });
});
