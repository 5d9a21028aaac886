import { __EventV1__, Exchanges, Queues, type Envelope } from '@dinner-rush/contracts';
import { DeadLetterHeaders } from '@dinner-rush/messaging';
import { orderCancelledEvent, orderCreatedEvent } from './factories';
import { start__Name__, type __Name__Harness } from './harness';

interface OrderRecordsView {
  orderId: string;
  events: { messageId: string; type: string; occurredAt: string }[];
}

describe('__name__: order events to records and __event__.v1 (real PostgreSQL + RabbitMQ)', () => {
  let svc: __Name__Harness;

  // PREFETCH 1: messages are handled one at a time in queue order, so once a
  // later "sentinel" message shows its effect, every earlier one has been handled.
  beforeAll(async () => {
    svc = await start__Name__({ PREFETCH: '1' });
  });

  afterAll(async () => {
    await svc?.close();
  });

  const reported = (orderId: string, eventType: string) => (e: Envelope) =>
    e.type === __EventV1__.type &&
    (e.data as { orderId?: string }).orderId === orderId &&
    (e.data as { eventType?: string }).eventType === eventType;
  const records = async (orderId: string): Promise<OrderRecordsView> =>
    (await svc.http().get(`/__name__/orders/${orderId}`).expect(200)).body as OrderRecordsView;

  it('records a new order and reports __event__.v1 caused by it', async () => {
    const created = orderCreatedEvent();
    await svc.broker.publishOrderEvent(created);

    const status = await svc.broker.untilStatusMatching(
      reported(created.data.orderId, 'order.created.v1'),
    );
    expect(status).toMatchObject({
      correlationId: created.correlationId,
      causationId: created.messageId,
      data: { orderId: created.data.orderId, eventType: 'order.created.v1' },
    });
    expect(await records(created.data.orderId)).toEqual({
      orderId: created.data.orderId,
      events: [{ messageId: created.messageId, type: 'order.created.v1', occurredAt: created.occurredAt }],
    });
  });

  it('applies a redelivered envelope once', async () => {
    const created = orderCreatedEvent();
    await svc.broker.publishOrderEvent(created);
    await svc.broker.publishOrderEvent(created);
    await svc.broker.publishOrderEvent(orderCancelledEvent(created.data)); // the sentinel

    await svc.broker.untilStatusMatching(reported(created.data.orderId, 'order.cancelled.v1'));
    const types = (await records(created.data.orderId)).events.map((e) => e.type);
    expect(types).toEqual(['order.created.v1', 'order.cancelled.v1']);
    expect(svc.broker.statusFor(created.data.orderId, __EventV1__.type)).toHaveLength(2);
  });

  it('takes replayed history on orders.replay under its queue name, deduplicated by the inbox', async () => {
    const live = orderCreatedEvent();
    const archived = orderCreatedEvent();
    await svc.broker.publishOrderEvent(live);
    const queue = Queues.__nameCamel__.queue;
    await svc.broker.publish(Exchanges.orderReplay, queue, live); // seen live already
    await svc.broker.publish(Exchanges.orderReplay, queue, archived);
    const elsewhere = orderCreatedEvent(); // replayed for another queue: never arrives here
    await svc.broker.publish(Exchanges.orderReplay, 'some-other.orders', elsewhere);
    await svc.broker.publishOrderEvent(orderCancelledEvent(archived.data)); // the sentinel

    await svc.broker.untilStatusMatching(reported(archived.data.orderId, 'order.cancelled.v1'));
    expect((await records(archived.data.orderId)).events).toHaveLength(2);
    expect((await records(live.data.orderId)).events).toHaveLength(1);
    await svc.http().get(`/__name__/orders/${elsewhere.data.orderId}`).expect(404);
    const { rows } = await svc.sql.query<{ n: string }>(
      'SELECT count(*) AS n FROM inbox WHERE message_id = $1',
      [live.messageId],
    );
    expect(rows[0]?.n).toBe('1');
  });

  it('dead-letters a malformed message with the reason and keeps consuming', async () => {
    await svc.broker.publish(Exchanges.orders, 'order.created.v1', Buffer.from('{ not json'));
    const good = orderCreatedEvent();
    await svc.broker.publishOrderEvent(good);

    const dead = await svc.broker.nextDeadLetter(Queues.__nameCamel__.deadLetterQueue);
    expect(dead.body).toBe('{ not json');
    expect(dead.headers[DeadLetterHeaders.reason]).toBe('not-json');
    await svc.broker.untilStatusMatching(reported(good.data.orderId, 'order.created.v1'));
  });

  it('answers 404 problem+json for an order it never saw, 400 for an id that is not a uuid', async () => {
    const missing = await svc.http().get(`/__name__/orders/${orderCreatedEvent().data.orderId}`);
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(missing.body).toMatchObject({ code: 'order-not-found' });
    const bad = await svc.http().get('/__name__/orders/not-a-uuid').expect(400);
    expect(bad.body).toMatchObject({ code: 'validation-failed' });
  });
});
