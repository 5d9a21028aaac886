import { CustomerNotifiedV1, Exchanges, Queues, type Envelope } from '@dinner-rush/contracts';
import type { NotificationView } from '../src/notifications/dto/notification.schemas';
import { orderCancelledEvent, orderCreatedEvent, riderAssignedEvent } from './factories';
import { startCustomerNotify, type CustomerNotifyHarness } from './harness';

describe('customer-notify: rider assigned and cancelled orders to stored notifications (real PostgreSQL + RabbitMQ)', () => {
  let cn: CustomerNotifyHarness;

  // PREFETCH 1: messages are handled one at a time in queue order, so once a
  // later "sentinel" message shows its effect, every earlier one has been handled.
  beforeAll(async () => {
    cn = await startCustomerNotify({ PREFETCH: '1' });
  });

  afterAll(async () => {
    await cn?.close();
  });

  const told = (orderId: string, kind: string) => (e: Envelope) =>
    e.type === CustomerNotifiedV1.type &&
    (e.data as { orderId?: string }).orderId === orderId &&
    (e.data as { kind?: string }).kind === kind;
  /** As the customer: their own notifications. */
  const forCustomer = async (customerId: string, query = ''): Promise<NotificationView[]> => {
    const customer = await cn.as('customer', customerId);
    const res = await customer.get(`/customers/${customerId}/notifications${query}`).expect(200);
    return res.body as NotificationView[];
  };
  /** As an operator: any order's. */
  const forOrder = async (orderId: string): Promise<NotificationView[]> =>
    (await cn.http().get(`/orders/${orderId}/notifications`).expect(200))
      .body as NotificationView[];

  it('tells the customer their rider is on the way and reports customer.notified.v1', async () => {
    const created = orderCreatedEvent();
    await cn.broker.publishOrderEvent(created);
    const assigned = riderAssignedEvent(created.data);
    await cn.broker.publishStatusEvent(assigned);

    const status = await cn.broker.untilStatusMatching(
      told(created.data.orderId, 'rider.assigned'),
    );
    expect(status).toMatchObject({
      correlationId: created.data.orderId,
      causationId: assigned.messageId,
      data: {
        orderId: created.data.orderId,
        customerId: created.data.customerId,
        notificationId: assigned.messageId,
        kind: 'rider.assigned',
        channel: 'stored',
      },
    });
    const [notification, ...rest] = await forCustomer(created.data.customerId);
    expect(rest).toEqual([]);
    expect(notification).toMatchObject({
      id: assigned.messageId,
      orderId: created.data.orderId,
      kind: 'rider.assigned',
      channel: 'stored',
      text: 'Rosa is picking up your order from Curry Corner (1.3 km away).',
    });
    expect(await forOrder(created.data.orderId)).toEqual([notification]);
  });

  it("shows an order's notifications to its customer, and to another customer not at all (404)", async () => {
    const created = orderCreatedEvent();
    await cn.broker.publishOrderEvent(created);
    const assigned = riderAssignedEvent(created.data);
    await cn.broker.publishStatusEvent(assigned);
    await cn.broker.untilStatusMatching(told(created.data.orderId, 'rider.assigned'));
    const path = `/orders/${created.data.orderId}/notifications`;
    const own = await (await cn.as('customer', created.data.customerId)).get(path).expect(200);
    expect((own.body as NotificationView[]).map((n) => n.id)).toEqual([assigned.messageId]);
    const stranger = await cn.as('customer', `${created.data.customerId}-not`);
    expect((await stranger.get(path).expect(404)).body).toMatchObject({ code: 'not-found' });
  });

  it('tells the customer about a cancellation, and not about a rider assigned after it', async () => {
    const created = orderCreatedEvent();
    await cn.broker.publishOrderEvent(created);
    await cn.broker.publishOrderEvent(orderCancelledEvent(created.data, { reason: 'no riders' }));
    await cn.broker.publishStatusEvent(riderAssignedEvent(created.data));
    const sentinel = orderCreatedEvent({ customerId: created.data.customerId });
    await cn.broker.publishOrderEvent(sentinel);
    await cn.broker.publishOrderEvent(orderCancelledEvent(sentinel.data));

    await cn.broker.untilStatusMatching(told(sentinel.data.orderId, 'order.cancelled'));
    const story = await forOrder(created.data.orderId);
    expect(story.map((n) => [n.kind, n.text])).toEqual([
      ['order.cancelled', 'Your order was cancelled: no riders.'],
    ]);
  });

  it('waits for the order it has not seen yet: a rider assigned first is retried, then told', async () => {
    const created = orderCreatedEvent();
    await cn.broker.publishStatusEvent(riderAssignedEvent(created.data));
    await cn.broker.publishOrderEvent(created);

    await cn.broker.untilStatusMatching(told(created.data.orderId, 'rider.assigned'));
    expect((await forOrder(created.data.orderId)).map((n) => n.kind)).toEqual(['rider.assigned']);
  });

  it('makes one notification from a redelivered or replayed envelope', async () => {
    const created = orderCreatedEvent();
    const cancelled = orderCancelledEvent(created.data);
    await cn.broker.publishOrderEvent(created);
    await cn.broker.publishOrderEvent(cancelled);
    await cn.broker.publishOrderEvent(cancelled);
    await cn.broker.publish(Exchanges.orderReplay, Queues.customerNotify.queue, created);
    await cn.broker.publish(Exchanges.orderReplay, Queues.customerNotify.queue, cancelled);
    const sentinel = orderCreatedEvent();
    await cn.broker.publishOrderEvent(sentinel);
    await cn.broker.publishOrderEvent(orderCancelledEvent(sentinel.data));

    await cn.broker.untilStatusMatching(told(sentinel.data.orderId, 'order.cancelled'));
    expect(await forOrder(created.data.orderId)).toHaveLength(1);
    expect(cn.broker.statusFor(created.data.orderId, CustomerNotifiedV1.type)).toHaveLength(1);
  });

  it('lists a customer newest first and honours ?limit', async () => {
    const first = orderCreatedEvent();
    const { customerId } = first.data;
    const second = orderCreatedEvent({ customerId });
    for (const order of [first, second]) {
      await cn.broker.publishOrderEvent(order);
      await cn.broker.publishOrderEvent(orderCancelledEvent(order.data));
      await cn.broker.untilStatusMatching(told(order.data.orderId, 'order.cancelled'));
    }
    const page = await forCustomer(customerId, '?limit=1');
    expect(page.map((n) => n.orderId)).toEqual([second.data.orderId]);
    expect(await forCustomer('customer-nobody-knows')).toEqual([]);
  });

  it.each([
    ['/customers/c-1/notifications?limit=0', 'limit'],
    ['/customers/c-1/notifications?limit=201', 'limit'],
    ['/orders/not-a-uuid/notifications', 'orderId'],
  ])('rejects %s with 400 problem+json', async (path, field) => {
    const res = await cn.http().get(path).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'validation-failed', errors: [{ field }] });
  });
});
