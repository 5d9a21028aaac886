import { MerchantNotifiedV1, type Envelope } from '@dinner-rush/contracts';
import {
  FakeWebhookReceiver,
  freePort,
  hugeAnswer,
  silentAnswer,
  type ScriptedAnswer,
  waitFor,
} from '@dinner-rush/testing';
import type { NotificationView } from '../src/notifications/dto/notification.schemas';
import { aMerchantId, orderCreatedEvent } from './factories';
import { startMerchantNotify, type MerchantNotifyHarness } from './harness';

/**
 * One merchant's broken webhook costs that merchant alone (real PostgreSQL +
 * RabbitMQ, real HTTP endpoints on 127.0.0.1, allowed by the operator list):
 * its notifications spend their own tries and end failed with the reason,
 * while every other merchant's notifications go through meanwhile.
 */
describe('merchant-notify: a failing webhook is isolated (real PostgreSQL + RabbitMQ)', () => {
  let mn: MerchantNotifyHarness;
  const endpoints: FakeWebhookReceiver[] = [];

  beforeAll(async () => {
    mn = await startMerchantNotify({
      WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
      WEBHOOK_ATTEMPTS: '3',
      // Long pauses: the refused merchant is provably still retrying when the healthy one is served.
      WEBHOOK_BACKOFF_MS: '2000',
      // Long enough that a hanging endpoint is still hanging while the others are served.
      WEBHOOK_TIMEOUT_MS: '30000',
    });
  });

  afterEach(async () => {
    for (const endpoint of endpoints.splice(0)) await endpoint.stop();
  });

  afterAll(async () => {
    await mn?.close();
  });

  const endpoint = async (script: ScriptedAnswer[] = []) => {
    const started = await FakeWebhookReceiver.start(script);
    endpoints.push(started);
    return started;
  };
  const merchantWith = async (url: string) => {
    const merchantId = aMerchantId();
    const merchant = await mn.as('merchant', merchantId);
    await merchant.put(`/merchants/${merchantId}/webhook`).send({ url }).expect(200);
    return merchantId;
  };
  const list = async (merchantId: string): Promise<NotificationView[]> =>
    (await mn.http().get(`/merchants/${merchantId}/notifications`).expect(200))
      .body as NotificationView[];
  const untilAll = (merchantId: string, count: number, status: string) =>
    waitFor(
      async () => {
        const rows = await list(merchantId);
        return rows.length === count && rows.every((n) => n.status === status) ? rows : undefined;
      },
      { what: `${count} notification(s) of ${merchantId} ${status}`, timeoutMs: 60_000 },
    );
  const metric = async (series: string): Promise<number> => {
    const text = (await mn.http().get('/metrics')).text;
    const line = text.split('\n').find((l) => l.startsWith(`${series} `));
    return line ? Number(line.slice(series.length + 1)) : 0;
  };
  const notifiedAbout = (orderId: string) => (e: Envelope) =>
    e.type === MerchantNotifiedV1.type && (e.data as { orderId?: string }).orderId === orderId;

  it('a refused connection (ECONNREFUSED) spends its tries and ends failed while another merchant is served meanwhile', async () => {
    const refusing = await merchantWith(`http://127.0.0.1:${await freePort()}/hook`);
    const healthyEndpoint = await endpoint();
    const healthy = await merchantWith(healthyEndpoint.url);
    const failedBefore = await metric('webhook_deliveries_total{outcome="failed"}');

    const refused = [
      orderCreatedEvent({ merchantId: refusing }),
      orderCreatedEvent({ merchantId: refusing }),
    ];
    for (const event of refused) await mn.broker.publishOrderEvent(event);
    await untilAll(refusing, 2, 'pending');
    const served = [
      orderCreatedEvent({ merchantId: healthy }),
      orderCreatedEvent({ merchantId: healthy }),
    ];
    for (const event of served) await mn.broker.publishOrderEvent(event);

    await untilAll(healthy, 2, 'delivered');
    expect(healthyEndpoint.received.map((r) => r.body.orderId)).toEqual(
      served.map((e) => e.data.orderId),
    );
    // Served while the refused merchant's notifications still wait for their next try.
    expect((await list(refusing)).map((n) => n.status)).toEqual(['pending', 'pending']);

    const failed = await untilAll(refusing, 2, 'failed');
    for (const notification of failed) {
      expect(notification.failure).toMatch(
        /^failed after 3 tries; last: unreachable: .*ECONNREFUSED 127\.0\.0\.1/,
      );
    }
    expect(await metric('webhook_deliveries_total{outcome="failed"}')).toBe(failedBefore + 2);
    expect(await metric('webhook_tries_total{result="unreachable"}')).toBeGreaterThanOrEqual(6);
    // Failed deliveries tell nobody the merchant was notified; the served ones did.
    for (const event of served)
      await mn.broker.untilStatusMatching(notifiedAbout(event.data.orderId));
    for (const event of refused) {
      expect(mn.broker.statusEvents.filter(notifiedAbout(event.data.orderId))).toEqual([]);
    }
  });

  it('a webhook that never answers holds up no other merchant', async () => {
    const hanging = await endpoint([silentAnswer]);
    const stuck = await merchantWith(hanging.url);
    const healthyEndpoint = await endpoint();
    const healthy = await merchantWith(healthyEndpoint.url);

    await mn.broker.publishOrderEvent(orderCreatedEvent({ merchantId: stuck }));
    await waitFor(() => (hanging.received.length === 1 ? true : undefined), {
      what: 'the POST to the hanging webhook under way',
    });
    const served = [
      orderCreatedEvent({ merchantId: healthy }),
      orderCreatedEvent({ merchantId: healthy }),
    ];
    for (const event of served) await mn.broker.publishOrderEvent(event);

    await untilAll(healthy, 2, 'delivered');
    // The hanging POST is still open: the healthy merchant did not wait for it.
    expect(hanging.received).toHaveLength(1);
    expect((await list(stuck)).map((n) => n.status)).toEqual(['pending']);
  });

  it('a 100 MB answer is cut at the size cap: the try fails and memory does not balloon', async () => {
    const answers = [
      hugeAnswer(100 * 1024 * 1024),
      hugeAnswer(100 * 1024 * 1024),
      hugeAnswer(100 * 1024 * 1024),
    ];
    const huge = await endpoint(answers.map((a) => a.answer));
    const merchantId = await merchantWith(huge.url);
    const rssBefore = process.memoryUsage().rss;

    await mn.broker.publishOrderEvent(orderCreatedEvent({ merchantId }));
    const [failed] = await untilAll(merchantId, 1, 'failed');

    expect(failed?.failure).toMatch(/^failed after 3 tries; last: response-too-large: /);
    expect(huge.received).toHaveLength(3);
    for (const answer of answers) expect(answer.produced()).toBeLessThan(16 * 1024 * 1024);
    // Reading even one answer whole would add 100 MB.
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(64 * 1024 * 1024);
    expect(await metric('webhook_tries_total{result="response-too-large"}')).toBe(3);
  });
});
