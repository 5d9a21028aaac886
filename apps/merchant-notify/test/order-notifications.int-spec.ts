import { Exchanges, MerchantNotifiedV1, Queues, type Envelope } from '@dinner-rush/contracts';
import { DeadLetterHeaders } from '@dinner-rush/messaging';
import { waitFor } from '@dinner-rush/testing';
import type { NotificationView } from '../src/notifications/dto/notification.schemas';
import { notificationIdFor } from '../src/notifications/notification-id';
import { orderCancelledEvent, orderCreatedEvent } from './factories';
import { startMerchantNotify, type MerchantNotifyHarness } from './harness';

describe('merchant-notify: order events to stored notifications (real PostgreSQL + RabbitMQ)', () => {
  let mn: MerchantNotifyHarness;

  // PREFETCH 1: messages are handled one at a time in queue order, so once a
  // later "sentinel" message shows its effect, every earlier one has been handled.
  beforeAll(async () => {
    mn = await startMerchantNotify({ PREFETCH: '1' });
  });

  afterAll(async () => {
    await mn?.close();
  });

  const list = async (merchantId: string, query = ''): Promise<NotificationView[]> => {
    const res = await mn.http().get(`/merchants/${merchantId}/notifications${query}`).expect(200);
    return res.body as NotificationView[];
  };
  const notifiedAbout = (orderId: string, kind: string) => (e: Envelope) =>
    e.type === MerchantNotifiedV1.type &&
    (e.data as { orderId?: string; kind?: string }).orderId === orderId &&
    (e.data as { kind?: string }).kind === kind;

  it('stores a new order for the merchant to fetch and reports merchant.notified.v1', async () => {
    const created = orderCreatedEvent();
    await mn.broker.publishOrderEvent(created);

    const status = await mn.broker.untilStatusMatching(
      notifiedAbout(created.data.orderId, 'order.created'),
    );
    const notificationId = notificationIdFor(created.messageId);
    expect(status.data).toEqual({
      orderId: created.data.orderId,
      merchantId: created.data.merchantId,
      notificationId,
      kind: 'order.created',
      channel: 'inbox',
    });
    expect(status).toMatchObject({
      correlationId: created.correlationId,
      causationId: created.messageId,
    });

    const [notification, ...rest] = await list(created.data.merchantId);
    expect(rest).toEqual([]);
    expect(notification).toMatchObject({
      id: notificationId,
      orderId: created.data.orderId,
      kind: 'order.created',
      channel: 'inbox',
      payload: {
        notificationId,
        kind: 'order.created',
        order: { status: 'created', totalCents: created.data.totalCents },
      },
    });
  });

  it('makes one notification from a redelivered envelope', async () => {
    const created = orderCreatedEvent();
    await mn.broker.publishOrderEvent(created);
    await mn.broker.publishOrderEvent(created);
    const cancelled = orderCancelledEvent(created.data); // the sentinel
    await mn.broker.publishOrderEvent(cancelled);

    await mn.broker.untilStatusMatching(notifiedAbout(created.data.orderId, 'order.cancelled'));
    const kinds = (await list(created.data.merchantId)).map((n) => n.kind).sort();
    expect(kinds).toEqual(['order.cancelled', 'order.created']);
    const createdEvents = mn.broker.statusEvents.filter(
      notifiedAbout(created.data.orderId, 'order.created'),
    );
    expect(createdEvents).toHaveLength(1);
  });

  it('makes one notification from two envelopes carrying the same order creation', async () => {
    const created = orderCreatedEvent();
    const republished = { ...created, messageId: crypto.randomUUID() };
    await mn.broker.publishOrderEvent(created);
    await mn.broker.publishOrderEvent(republished);
    await mn.broker.publishOrderEvent(orderCancelledEvent(created.data));

    await mn.broker.untilStatusMatching(notifiedAbout(created.data.orderId, 'order.cancelled'));
    const createdOnes = (await list(created.data.merchantId)).filter(
      (n) => n.kind === 'order.created',
    );
    expect(createdOnes.map((n) => n.id)).toEqual([notificationIdFor(created.messageId)]);
  });

  it('does not announce an order whose cancellation overtook its creation', async () => {
    const created = orderCreatedEvent();
    await mn.broker.publishOrderEvent(orderCancelledEvent(created.data));
    await mn.broker.publishOrderEvent(created);
    const sentinel = orderCreatedEvent({ merchantId: created.data.merchantId });
    await mn.broker.publishOrderEvent(sentinel);

    await mn.broker.untilStatusMatching(notifiedAbout(sentinel.data.orderId, 'order.created'));
    const forOrder = (await list(created.data.merchantId)).filter(
      (n) => n.orderId === created.data.orderId,
    );
    expect(forOrder.map((n) => n.kind)).toEqual(['order.cancelled']);
    expect(
      mn.broker.statusEvents.filter(notifiedAbout(created.data.orderId, 'order.created')),
    ).toEqual([]);
  });

  it('lists newest first and honours ?limit', async () => {
    const first = orderCreatedEvent();
    const merchantId = first.data.merchantId;
    const orders = [first, orderCreatedEvent({ merchantId }), orderCreatedEvent({ merchantId })];
    for (const order of orders) await mn.broker.publishOrderEvent(order);
    await waitFor(async () => ((await list(merchantId)).length === 3 ? true : undefined), {
      what: 'three notifications',
    });

    const page = await list(merchantId, '?limit=2');
    expect(page).toHaveLength(2);
    const times = page.map((n) => Date.parse(n.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(await list('merchant-nobody-knows')).toEqual([]);
  });

  it.each(['?limit=0', '?limit=201', '?limit=ten'])(
    'rejects %s with 400 problem+json',
    async (query) => {
      const res = await mn.http().get(`/merchants/m-1/notifications${query}`).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 400, code: 'validation-failed' });
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'limit' })]);
    },
  );

  it('dead-letters malformed messages with the reason and keeps consuming', async () => {
    await mn.broker.publish(Exchanges.orders, 'order.created.v1', Buffer.from('{ not json'));
    const wrongSchema = orderCreatedEvent();
    await mn.broker.publishOrderEvent({ ...wrongSchema, data: { ...wrongSchema.data, items: [] } });
    const good = orderCreatedEvent();
    await mn.broker.publishOrderEvent(good);

    const notJson = await mn.broker.nextDeadLetter(Queues.merchantNotify.deadLetterQueue);
    expect(notJson.body).toBe('{ not json');
    expect(notJson.headers[DeadLetterHeaders.reason]).toBe('not-json');

    const invalid = await mn.broker.nextDeadLetter(Queues.merchantNotify.deadLetterQueue);
    expect(invalid.headers[DeadLetterHeaders.reason]).toBe('invalid-data');
    expect(String(invalid.headers[DeadLetterHeaders.error])).toContain('data.items');

    await mn.broker.untilStatusMatching(notifiedAbout(good.data.orderId, 'order.created'));
    expect(await list(good.data.merchantId)).toHaveLength(1);
    expect(await list(wrongSchema.data.merchantId)).toEqual([]);
  });
});
