import { randomUUID } from 'node:crypto';
import { Exchanges, OrderCancelledV1, OrderCreatedV1 } from '@dinner-rush/contracts';
import { waitFor, type Tap } from '@dinner-rush/testing';
import { orderRequest, riderDelivered } from './factories';
import { OrderServiceHarness } from './harness';

describe('order-service: cancelling orders (real PostgreSQL + RabbitMQ)', () => {
  let service: OrderServiceHarness;
  let cancelledEvents: Tap;

  beforeAll(async () => {
    service = await OrderServiceHarness.start();
    cancelledEvents = await service.broker.tap(Exchanges.orders, OrderCancelledV1.type);
    // Someone must take order.created.v1 too (the consumers do, in the pipeline): the relay
    // publishes mandatory, and an unroutable creation would hold back its order's cancellation.
    await service.broker.tap(Exchanges.orders, OrderCreatedV1.type);
  });

  afterAll(async () => {
    await service?.close();
  });

  async function placeOrder(): Promise<{ id: string; customerId: string }> {
    const res = await service.placeOrder(orderRequest());
    expect(res.status).toBe(201);
    return res.body as { id: string; customerId: string };
  }

  /** order.cancelled.v1 events written for an order: in the outbox, or archived once sent. */
  async function cancelEventsInOutbox(orderId: string): Promise<number> {
    const { rows } = await service.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (
         SELECT routing_key, payload FROM outbox UNION ALL SELECT routing_key, payload FROM outbox_archive) e
        WHERE e.payload->>'correlationId' = $1 AND e.routing_key = $2`,
      [orderId, OrderCancelledV1.type],
    );
    return rows[0]?.n ?? 0;
  }

  it("cancels a placed order at its customer's request: 200 with the order, order.cancelled.v1 published and on the timeline", async () => {
    const order = await placeOrder();
    const caller = await service.as('customer', order.customerId);
    const res = await caller
      .post(`/orders/${order.id}/cancel`)
      .send({ reason: 'changed my mind' })
      .expect(200);
    expect(res.body).toMatchObject({
      id: order.id,
      status: 'cancelled',
      cancelReason: 'changed my mind',
      timeline: [
        { type: 'order.created.v1' },
        { type: 'order.cancelled.v1', reason: 'changed my mind', customerId: order.customerId },
      ],
    });

    const { body: event } = await cancelledEvents.next(
      (e) => (e.data as { orderId: string }).orderId === order.id,
      'order.cancelled.v1 on the orders exchange',
    );
    expect(event).toMatchObject({
      type: 'order.cancelled.v1',
      correlationId: order.id,
      data: { merchantId: 'm-curry-36', customerId: order.customerId, reason: 'changed my mind' },
    });
    expect(OrderCancelledV1.schema.safeParse(event.data).success).toBe(true);
  });

  it("answers another customer's cancel as for an unknown order (404) and cancels nothing", async () => {
    const order = await placeOrder();
    const stranger = await service.as('customer', `${order.customerId}-not`);
    const res = await stranger.post(`/orders/${order.id}/cancel`).send({});
    expect([res.status, res.body.code]).toEqual([404, 'order-not-found']);
    expect((await stranger.get(`/orders/${order.id}`)).status).toBe(404);
    const own = await (await service.as('customer', order.customerId)).get(`/orders/${order.id}`);
    expect([own.status, own.body.status]).toEqual([200, 'placed']);
    expect(await cancelEventsInOutbox(order.id)).toBe(0);
  });

  it('answers 200 again for a second cancel without a second event', async () => {
    const order = await placeOrder();
    await service.http().post(`/orders/${order.id}/cancel`).expect(200);
    const again = await service.http().post(`/orders/${order.id}/cancel`).send({}).expect(200);
    expect(again.body).toMatchObject({ status: 'cancelled', cancelReason: null });
    expect(await cancelEventsInOutbox(order.id)).toBe(1);
    const timeline = (again.body as { timeline: { type: string }[] }).timeline;
    expect(timeline.filter((e) => e.type === 'order.cancelled.v1')).toHaveLength(1);
  });

  it('refuses to cancel a delivered order (409), and a cancelled order stays cancelled on delivery', async () => {
    const delivered = await placeOrder();
    await service.broker.publishStatusEvent(riderDelivered(delivered.id));
    await waitFor(
      async () => {
        const res = await service.http().get(`/orders/${delivered.id}`);
        return (res.body as { status: string }).status === 'delivered' || undefined;
      },
      { what: 'order delivered' },
    );
    const res = await service.http().post(`/orders/${delivered.id}/cancel`).expect(409);
    expect(res.type).toBe('application/problem+json');
    expect(res.body).toMatchObject({ code: 'order-not-cancellable' });
    expect(await cancelEventsInOutbox(delivered.id)).toBe(0);

    const cancelled = await placeOrder();
    await service.http().post(`/orders/${cancelled.id}/cancel`).expect(200);
    const late = riderDelivered(cancelled.id);
    await service.broker.publishStatusEvent(late);
    const view = await waitFor(
      async () => {
        const body = (await service.http().get(`/orders/${cancelled.id}`)).body as {
          status: string;
          timeline: { messageId: string }[];
        };
        return body.timeline.some((e) => e.messageId === late.messageId) ? body : undefined;
      },
      { what: 'late delivery recorded' },
    );
    expect(view.status).toBe('cancelled');
  });

  it.each([randomUUID(), 'nope'])('answers 404 problem+json for order %s', async (id) => {
    const res = await service.http().post(`/orders/${id}/cancel`).expect(404);
    expect(res.type).toBe('application/problem+json');
  });

  it('rejects an unknown field in the cancel body (400)', async () => {
    const order = await placeOrder();
    const res = await service
      .http()
      .post(`/orders/${order.id}/cancel`)
      .send({ reason: 'x', refund: true })
      .expect(400);
    expect(res.type).toBe('application/problem+json');
    expect(await cancelEventsInOutbox(order.id)).toBe(0);
  });
});
