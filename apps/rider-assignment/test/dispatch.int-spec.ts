import {
  Exchanges,
  OrderCreatedV1,
  Queues,
  RiderAssignedV1,
  RiderDeliveredV1,
  type EventData,
} from '@dinner-rush/contracts';
import { orderCreatedData, orderCreatedEvent, withNewMessageId } from './factories';
import { RiderAssignmentHarness, type AssignmentBody } from './harness';

type Assigned = EventData<typeof RiderAssignedV1>;

/**
 * Two riders, rides of 1 s through the real broker delay queue: riders
 * deliver and free up on their own, so orders beyond the fleet wait and move on.
 */
describe('rider-assignment dispatch (real PostgreSQL + RabbitMQ)', () => {
  // Long enough that the six creations are all handled before the first ride ends, even on a busy CI box.
  const DELIVERY_MS = 1_000;
  let service: RiderAssignmentHarness;

  const untilDelivered = (orderId: string) =>
    service.untilAssignment(orderId, (a) => a.status === 'delivered', 'delivered');

  beforeAll(async () => {
    service = await RiderAssignmentHarness.start({
      RIDER_FLEET_SIZE: '2',
      RIDER_DELIVERY_MS: String(DELIVERY_MS),
    });
  });

  afterAll(async () => {
    await service?.close();
  });

  it('seeds the fleet: GET /riders lists two available riders near Berlin centre', async () => {
    const riders = await service.riders();
    expect(riders.map((r) => r.id)).toEqual(['rider-001', 'rider-002']);
    for (const rider of riders) {
      expect(rider).toMatchObject({ status: 'available', currentOrderId: null });
      expect(Math.abs(rider.position.lat - 52.52)).toBeLessThan(0.06);
      expect(Math.abs(rider.position.lng - 13.405)).toBeLessThan(0.09);
    }
  });

  it('gives an order the nearest rider, then delivers it through the broker delay', async () => {
    const riders = await service.riders();
    const target = riders[1]!;
    const order = orderCreatedData(target.position);
    await service.broker.publishOrderEvent(orderCreatedEvent(order));

    const assigned = await service.broker.untilStatus(order.orderId, RiderAssignedV1.type);
    expect(assigned.data).toEqual({
      orderId: order.orderId,
      riderId: target.id,
      riderName: target.name,
      distanceKm: 0,
      waitedMs: 0,
    });
    expect(assigned.correlationId).toBe(order.orderId);

    const delivered = await service.broker.untilStatus(order.orderId, RiderDeliveredV1.type);
    expect(delivered.data).toEqual({ orderId: order.orderId, riderId: target.id });
    const body = await untilDelivered(order.orderId);
    expect(body).toMatchObject({ riderId: target.id, distanceKm: 0 });
    expect(Date.parse(body.deliveredAt!)).toBeGreaterThanOrEqual(Date.parse(body.assignedAt!));
    // The ride went through the delay queue: it lasted its delay.
    expect(Date.parse(body.deliveredAt!) - Date.parse(body.assignedAt!)).toBeGreaterThanOrEqual(
      DELIVERY_MS - 50,
    );
  });

  it('lets orders beyond the fleet wait, and assigns them as riders deliver until all are delivered', async () => {
    const orders = Array.from({ length: 6 }, () => orderCreatedData());
    await Promise.all(
      orders.map((order) => service.broker.publishOrderEvent(orderCreatedEvent(order))),
    );

    const final: AssignmentBody[] = [];
    for (const order of orders) {
      final.push(await untilDelivered(order.orderId));
      await service.broker.untilStatus(order.orderId, RiderDeliveredV1.type);
    }

    // Each order was assigned exactly once, and announced with the time it waited.
    for (const order of orders) {
      const assigned = service.broker.statusFor(order.orderId, RiderAssignedV1.type);
      expect(assigned).toHaveLength(1);
      const body = final.find((a) => a.orderId === order.orderId)!;
      expect((assigned[0]!.data as Assigned).riderId).toBe(body.riderId);
      expect((assigned[0]!.data as Assigned).waitedMs).toBe(body.waitedMs);
    }
    // Two riders for six orders: some had to wait for a delivery...
    expect(final.filter((a) => (a.waitedMs ?? 0) > 0).length).toBeGreaterThanOrEqual(1);
    // ...and no rider ever carried two orders at once.
    for (const riderId of ['rider-001', 'rider-002']) {
      const rides = final
        .filter((a) => a.riderId === riderId)
        .sort((a, b) => Date.parse(a.assignedAt!) - Date.parse(b.assignedAt!));
      for (let i = 1; i < rides.length; i++) {
        expect(Date.parse(rides[i]!.assignedAt!)).toBeGreaterThanOrEqual(
          Date.parse(rides[i - 1]!.deliveredAt!),
        );
      }
    }
    const riders = await service.riders();
    expect(riders.every((r) => r.status === 'available' && r.currentOrderId === null)).toBe(true);
  });

  it('assigns a duplicated creation once (same message redelivered, or republished under a new id)', async () => {
    const order = orderCreatedData();
    const event = orderCreatedEvent(order);
    const republished = withNewMessageId(event);
    await service.broker.publishOrderEvent(event);
    await service.broker.publishOrderEvent(event);
    await service.broker.publishOrderEvent(republished);

    await service.untilApplied(event.messageId);
    await service.untilApplied(republished.messageId);
    await untilDelivered(order.orderId);
    expect(await service.publishedCount(order.orderId, RiderAssignedV1.type)).toBe(1);
    expect(await service.publishedCount(order.orderId, RiderDeliveredV1.type)).toBe(1);
  });

  it('dead-letters malformed messages with the reason, and keeps consuming', async () => {
    const dlq = Queues.riderAssignment.deadLetterQueue;
    await service.broker.publish(Exchanges.orders, OrderCreatedV1.type, Buffer.from('{not json'));
    const notJson = await service.broker.nextDeadLetter(dlq);
    expect(notJson.body).toBe('{not json');
    expect(notJson.headers['x-dead-letter-reason']).toBe('not-json');

    const missingLocation = orderCreatedEvent();
    delete (missingLocation.data as Partial<EventData<typeof OrderCreatedV1>>).merchantLocation;
    await service.broker.publishOrderEvent(missingLocation);
    const invalid = await service.broker.nextDeadLetter(dlq);
    expect(JSON.parse(invalid.body)).toMatchObject({ messageId: missingLocation.messageId });
    expect(invalid.headers['x-dead-letter-reason']).toBe('invalid-data');
    expect(String(invalid.headers['x-dead-letter-error'])).toContain('merchantLocation');

    const good = orderCreatedData();
    await service.broker.publishOrderEvent(orderCreatedEvent(good));
    await service.broker.untilStatus(good.orderId, RiderAssignedV1.type);
    await untilDelivered(good.orderId);
  });

  it('answers 404 problem+json for an unknown order and 400 for a malformed id', async () => {
    const missing = await service
      .http()
      .get('/assignments/7d0f6a39-4d47-4c41-9d55-1f5ad4d5a0ff')
      .expect(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.body).toMatchObject({ status: 404, code: 'assignment-not-found' });
    const invalid = await service.http().get('/assignments/not-a-uuid').expect(400);
    expect(invalid.body).toMatchObject({
      status: 400,
      code: 'validation-failed',
      errors: [expect.objectContaining({ field: 'orderId' })],
    });
  });
});
