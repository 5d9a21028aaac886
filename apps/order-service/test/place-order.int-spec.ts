import { Exchanges, OrderCreatedV1, OrderCreatedV2 } from '@dinner-rush/contracts';
import { waitFor, type Tap } from '@dinner-rush/testing';
import { orderRequest } from './factories';
import { OrderServiceHarness } from './harness';

describe('order-service: placing orders (real PostgreSQL + RabbitMQ)', () => {
  let service: OrderServiceHarness;
  let created: Tap;
  let createdV2: Tap;

  beforeAll(async () => {
    service = await OrderServiceHarness.start();
    created = await service.broker.tap(Exchanges.orders, OrderCreatedV1.type);
    createdV2 = await service.broker.tap(Exchanges.orders, OrderCreatedV2.type);
  });

  afterAll(async () => {
    await service?.close();
  });

  it('GET /merchants lists the seeded catalogue with locations and priced menus', async () => {
    const res = await service.http().get('/merchants').expect(200);
    const merchants = res.body as { id: string; menu: { priceCents: number }[] }[];
    expect(merchants.length).toBeGreaterThanOrEqual(6);
    expect(merchants.find((m) => m.id === 'm-curry-36')).toMatchObject({
      name: 'Curry 36',
      location: { lat: expect.any(Number), lng: expect.any(Number) },
      menu: expect.arrayContaining([
        { id: 'i-curry-36-currywurst', name: 'Currywurst ohne Darm', priceCents: 390 },
      ]),
    });
  });

  it('POST /orders answers 201 with server prices and publishes order.created.v1', async () => {
    const body = orderRequest();
    const res = await service.placeOrder(body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.any(String),
      status: 'placed',
      customerId: body.customerId,
      merchantId: 'm-curry-36',
      itemsTotalCents: 2 * 390 + 320,
      deliveryFeeCents: 299,
      totalCents: 2 * 390 + 320 + 299,
      currency: 'EUR',
      items: [
        {
          menuItemId: 'i-curry-36-currywurst',
          quantity: 2,
          unitPriceCents: 390,
          lineTotalCents: 780,
        },
        { menuItemId: 'i-curry-36-pommes', quantity: 1, unitPriceCents: 320, lineTotalCents: 320 },
      ],
      timeline: [{ type: 'order.created.v1' }],
    });
    const orderId = (res.body as { id: string }).id;

    const { rows } = await service.sql.query(
      'SELECT status, total_cents FROM orders WHERE id = $1',
      [orderId],
    );
    expect(rows).toEqual([{ status: 'placed', total_cents: 1399 }]);

    const { body: event, msg } = await created.next(
      (e) => (e.data as { orderId: string }).orderId === orderId,
      'order.created.v1 on the orders exchange',
    );
    expect(msg.fields.routingKey).toBe(OrderCreatedV1.type);
    expect(msg.properties.messageId).toBe(event.messageId);
    expect(event).toMatchObject({
      type: 'order.created.v1',
      version: 1,
      correlationId: orderId,
      causationId: null,
      data: {
        orderId,
        merchantName: 'Curry 36',
        totalCents: 1399,
        deliveryAddress: body.deliveryAddress,
      },
    });
    expect(OrderCreatedV1.schema.safeParse(event.data).success).toBe(true);
    // Once the broker confirmed them, the relay moves the rows (v1 and its v2 twin, one
    // message id) from the outbox to the archive.
    await waitFor(
      async () => {
        const { rows: moved } = await service.sql.query<{ outbox: number; archive: number }>(
          `SELECT (SELECT count(*)::int FROM outbox WHERE message_id = $1) AS outbox,
                  (SELECT count(*)::int FROM outbox_archive WHERE message_id = $1) AS archive`,
          [event.messageId],
        );
        return (moved[0]?.outbox === 0 && moved[0].archive === 2) || undefined;
      },
      { what: 'outbox row moved to the archive' },
    );
  });

  it('stores delivery instructions with the order and publishes them in order.created.v2, beside a v1 copy with the same id', async () => {
    const instructions = 'Ring twice, 3rd floor – Hinterhaus 🚪';
    const res = await service.placeOrder(orderRequest({ deliveryInstructions: instructions }));
    expect(res.status).toBe(201);
    const orderId = (res.body as { id: string }).id;
    expect(res.body).toMatchObject({ deliveryInstructions: instructions });
    const stored = await service.http().get(`/orders/${orderId}`).expect(200);
    expect(stored.body).toMatchObject({ deliveryInstructions: instructions });

    const ofOrder = (e: { data: unknown }) => (e.data as { orderId: string }).orderId === orderId;
    const v2 = await createdV2.next(ofOrder, 'order.created.v2 on the orders exchange');
    const v1 = await created.next(ofOrder, 'its order.created.v1 twin');
    expect(OrderCreatedV2.schema.parse(v2.body.data).deliveryInstructions).toBe(instructions);
    expect(v2.body).toMatchObject({ type: 'order.created.v2', version: 2, correlationId: orderId });
    expect(v1.body.messageId).toBe(v2.body.messageId);
    // A v1 reader takes its copy as before: the key it does not know is dropped.
    expect(OrderCreatedV1.schema.parse(v1.body.data)).not.toHaveProperty('deliveryInstructions');
  });

  it('an order without instructions shows null and publishes v2 with null', async () => {
    const res = await service.placeOrder(orderRequest());
    expect(res.status).toBe(201);
    const orderId = (res.body as { id: string }).id;
    expect(res.body).toMatchObject({ deliveryInstructions: null });
    const v2 = await createdV2.next(
      (e) => (e.data as { orderId: string }).orderId === orderId,
      'order.created.v2 on the orders exchange',
    );
    expect(OrderCreatedV2.schema.parse(v2.body.data).deliveryInstructions).toBeNull();
  });

  it("refuses an order in another customer's name: 403 customer-mismatch, nothing written", async () => {
    const body = orderRequest();
    const ordersBefore = await service.count('orders');
    const caller = await service.as('customer', `${body.customerId}-not`);
    const res = await caller.post('/orders').send(body);
    expect([res.status, res.type, res.body.code]).toEqual([
      403,
      'application/problem+json',
      'customer-mismatch',
    ]);
    expect(await service.count('orders')).toBe(ordersBefore);
  });

  it('GET /orders/:id returns the order with its creation as the first timeline entry', async () => {
    const placed = await service.placeOrder(orderRequest());
    expect(placed.status).toBe(201);
    const order = placed.body as { id: string; createdAt: string };
    const res = await service.http().get(`/orders/${order.id}`).expect(200);
    expect(res.body).toMatchObject({ id: order.id, status: 'placed', totalCents: 1399 });
    expect((res.body as { timeline: unknown[] }).timeline).toEqual([
      { type: 'order.created.v1', at: order.createdAt, messageId: expect.any(String) },
    ]);
  });

  it.each(['not-a-uuid', '1c4e8d8e-0000-4000-8000-000000000000'])(
    'GET /orders/%s answers 404 problem+json',
    async (id) => {
      const res = await service.http().get(`/orders/${id}`).expect(404);
      expect(res.type).toBe('application/problem+json');
      expect(res.body).toMatchObject({ status: 404, code: 'order-not-found' });
    },
  );

  describe('Idempotency-Key', () => {
    it('replays the first answer for the same key and body, creating no second order', async () => {
      const body = orderRequest();
      const key = `key-${body.customerId}`;
      const first = await service.placeOrder(body, { 'Idempotency-Key': key });
      expect(first.status).toBe(201);
      const ordersBefore = await service.count('orders');
      // Same body with its keys in another order: still the same request.
      const reordered = {
        deliveryAddress: body.deliveryAddress,
        items: body.items,
        merchantId: body.merchantId,
        customerId: body.customerId,
      };
      const again = await service.placeOrder(reordered, { 'Idempotency-Key': key });
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
      expect(await service.count('orders')).toBe(ordersBefore);
    });

    it('answers 422 problem+json for the same key with a different body', async () => {
      const body = orderRequest();
      const key = `key-${body.customerId}`;
      expect((await service.placeOrder(body, { 'Idempotency-Key': key })).status).toBe(201);
      const ordersBefore = await service.count('orders');
      const res = await service.placeOrder(
        { ...body, items: [{ menuItemId: 'i-curry-36-cola', quantity: 1 }] },
        { 'Idempotency-Key': key },
      );
      expect(res.status).toBe(422);
      expect(res.type).toBe('application/problem+json');
      expect(res.body).toMatchObject({ code: 'idempotency-key-reused' });
      expect(await service.count('orders')).toBe(ordersBefore);
    });

    it('creates exactly one order for concurrent requests with one key', async () => {
      const body = orderRequest();
      const key = `key-${body.customerId}`;
      const responses = await Promise.all(
        Array.from({ length: 8 }, () => service.placeOrder(body, { 'Idempotency-Key': key })),
      );
      expect(responses.map((r) => r.status)).toEqual(Array(8).fill(201));
      const ids = new Set(responses.map((r) => (r.body as { id: string }).id));
      expect(ids.size).toBe(1);
      const { rows } = await service.sql.query('SELECT id FROM orders WHERE customer_id = $1', [
        body.customerId,
      ]);
      expect(rows).toEqual([{ id: [...ids][0] }]);
      // One order.created.v1 and its v2 twin: in the outbox, or in the archive once confirmed.
      const events = await service.sql.query(
        `SELECT payload->>'type' AS type, count(*)::int AS n FROM (
           SELECT payload FROM outbox UNION ALL SELECT payload FROM outbox_archive) e
          WHERE payload->'data'->>'customerId' = $1 GROUP BY 1 ORDER BY 1`,
        [body.customerId],
      );
      expect(events.rows).toEqual([
        { type: 'order.created.v1', n: 1 },
        { type: 'order.created.v2', n: 1 },
      ]);
    });
  });
});
