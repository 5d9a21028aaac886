import { CustomerNotifiedV1, type Envelope } from '@dinner-rush/contracts';
import { FakeWebhookReceiver } from '@dinner-rush/testing';
import { orderCreatedEvent, riderAssignedEvent } from './factories';
import { startCustomerNotify, type CustomerNotifyHarness } from './harness';

describe('customer-notify: webhook delivery when WEBHOOK_URL is configured (real PostgreSQL + RabbitMQ)', () => {
  let cn: CustomerNotifyHarness;
  let gateway: FakeWebhookReceiver;

  beforeAll(async () => {
    // The first POST fails, the quick retry succeeds.
    gateway = await FakeWebhookReceiver.start([503]);
    cn = await startCustomerNotify({
      PREFETCH: '1',
      WEBHOOK_URL: gateway.url,
      WEBHOOK_ATTEMPTS: '3',
      WEBHOOK_BACKOFF_MS: '10',
    });
  });

  afterAll(async () => {
    await cn?.close();
    await gateway?.stop();
  });

  it('POSTs the notification (retrying a failure), then records it as sent by webhook', async () => {
    const created = orderCreatedEvent();
    await cn.broker.publishOrderEvent(created);
    const assigned = riderAssignedEvent(created.data);
    await cn.broker.publishStatusEvent(assigned);

    const status = await cn.broker.untilStatusMatching(
      (e: Envelope) =>
        e.type === CustomerNotifiedV1.type &&
        (e.data as { orderId?: string }).orderId === created.data.orderId,
    );
    expect(status.data).toMatchObject({ kind: 'rider.assigned', channel: 'webhook' });
    expect(gateway.received.map((call) => call.headers['idempotency-key'])).toEqual([
      assigned.messageId,
      assigned.messageId,
    ]);
    expect(gateway.received[1]?.body).toMatchObject({
      notificationId: assigned.messageId,
      kind: 'rider.assigned',
      orderId: created.data.orderId,
      customerId: created.data.customerId,
      text: expect.stringContaining('Rosa'),
    });
    const stored = await cn.http().get(`/orders/${created.data.orderId}/notifications`).expect(200);
    expect(stored.body).toMatchObject([{ channel: 'webhook', kind: 'rider.assigned' }]);
  });
});
