import {
  RiderAssignedV1,
  RiderDeliveredV1,
  RiderReleasedV1,
  type EventData,
  type WaitingLineView,
} from '@dinner-rush/contracts';
import { DELIVERY_DUE_ROUTING_KEY, DELIVERY_TIMERS_EXCHANGE } from '../src/dispatch/delivery-timer';
import {
  deliveryDueEvent,
  orderCancelledEvent,
  orderCreatedData,
  orderCreatedEvent,
  type OrderCreatedData,
} from './factories';
import { RiderAssignmentHarness, type RiderBody } from './harness';

type Assigned = EventData<typeof RiderAssignedV1>;

/**
 * Two riders whose rides never end on their own during the test (10 minutes),
 * so the waiting line holds still and each cancellation rule can be observed.
 * The steps build on each other: they read as one evening with a small fleet.
 */
describe('rider-assignment waiting line and cancellations (real PostgreSQL + RabbitMQ)', () => {
  let service: RiderAssignmentHarness;
  let riders: RiderBody[];
  const orders: Record<'a' | 'b' | 'c' | 'd', OrderCreatedData> = {} as never;

  const assignedTo = async (orderId: string) =>
    ((await service.broker.untilStatus(orderId, RiderAssignedV1.type)).data as Assigned).riderId;

  beforeAll(async () => {
    service = await RiderAssignmentHarness.start({
      RIDER_FLEET_SIZE: '2',
      RIDER_DELIVERY_MS: '600000',
    });
    riders = await service.riders();
  });

  afterAll(async () => {
    await service?.close();
  });

  it('assigns the first two orders and lines up the rest in arrival order', async () => {
    orders.a = orderCreatedData(riders[0]!.position);
    orders.b = orderCreatedData(riders[1]!.position);
    await service.broker.publishOrderEvent(orderCreatedEvent(orders.a));
    await service.broker.publishOrderEvent(orderCreatedEvent(orders.b));
    expect(await assignedTo(orders.a.orderId)).toBe('rider-001');
    expect(await assignedTo(orders.b.orderId)).toBe('rider-002');

    orders.c = orderCreatedData(riders[1]!.position);
    await service.broker.publishOrderEvent(orderCreatedEvent(orders.c));
    await service.untilAssignment(orders.c.orderId, (a) => a.status === 'waiting', 'waiting');
    orders.d = orderCreatedData(riders[0]!.position);
    await service.broker.publishOrderEvent(orderCreatedEvent(orders.d));
    const d = await service.untilAssignment(
      orders.d.orderId,
      (a) => a.status === 'waiting',
      'waiting',
    );
    expect(d).toMatchObject({ riderId: null, assignedAt: null });

    const fleet = await service.riders();
    expect(fleet.map((r) => [r.id, r.status, r.currentOrderId])).toEqual([
      ['rider-001', 'busy', orders.a.orderId],
      ['rider-002', 'busy', orders.b.orderId],
    ]);
    const line = (await service.http().get('/waiting-line').expect(200)).body as WaitingLineView;
    expect(line).toMatchObject({ waiting: 2, riders: { available: 0, busy: 2 } });
    expect(Date.parse(line.oldestRequestedAt ?? '')).toBeLessThanOrEqual(
      Date.parse(d.requestedAt ?? ''),
    );
  });

  it('cancelling an assigned order releases its rider to the OLDEST waiting order', async () => {
    await service.broker.publishOrderEvent(orderCancelledEvent(orders.a));

    const released = await service.broker.untilStatus(orders.a.orderId, RiderReleasedV1.type);
    expect(released.data).toEqual({ orderId: orders.a.orderId, riderId: 'rider-001' });
    const handedOver = await service.broker.untilStatus(orders.c.orderId, RiderAssignedV1.type);
    expect(handedOver.data).toMatchObject({ orderId: orders.c.orderId, riderId: 'rider-001' });
    expect((handedOver.data as Assigned).waitedMs).toBeGreaterThan(0);
    expect(handedOver.correlationId).toBe(orders.c.orderId);
    expect(handedOver.causationId).not.toBeNull();

    expect(await service.http().get(`/assignments/${orders.a.orderId}`).expect(200)).toMatchObject({
      body: { status: 'cancelled', riderId: 'rider-001' },
    });
    expect((await service.http().get(`/assignments/${orders.d.orderId}`)).body).toMatchObject({
      status: 'waiting',
    });
  });

  it('cancelling a waiting order takes it out of the line, with no rider to release', async () => {
    await service.broker.publishOrderEvent(orderCancelledEvent(orders.d));

    const released = await service.broker.untilStatus(orders.d.orderId, RiderReleasedV1.type);
    expect(released.data).toEqual({ orderId: orders.d.orderId, riderId: null });
    await service.untilAssignment(orders.d.orderId, (a) => a.status === 'cancelled', 'cancelled');
    const fleet = await service.riders();
    expect(fleet.map((r) => r.currentOrderId)).toEqual([orders.c.orderId, orders.b.orderId]);
    expect((await service.http().get('/waiting-line').expect(200)).body).toEqual({
      waiting: 0,
      oldestRequestedAt: null,
      riders: { available: 0, busy: 2 },
    });
  });

  it('ignores the delivery timer of a cancelled order: its former rider keeps the new one', async () => {
    const stale = deliveryDueEvent(orders.a.orderId, 'rider-001');
    await service.broker.publish(DELIVERY_TIMERS_EXCHANGE, DELIVERY_DUE_ROUTING_KEY, stale);
    await service.untilApplied(stale.messageId);

    expect((await service.http().get(`/assignments/${orders.a.orderId}`)).body).toMatchObject({
      status: 'cancelled',
    });
    expect(await service.publishedCount(orders.a.orderId, RiderDeliveredV1.type)).toBe(0);
    const fleet = await service.riders();
    expect(fleet[0]).toMatchObject({ status: 'busy', currentOrderId: orders.c.orderId });
  });

  it('a delivery timer that is due frees the rider; with nobody waiting it becomes available', async () => {
    const due = deliveryDueEvent(orders.c.orderId, 'rider-001');
    await service.broker.publish(DELIVERY_TIMERS_EXCHANGE, DELIVERY_DUE_ROUTING_KEY, due);

    expect(
      (await service.broker.untilStatus(orders.c.orderId, RiderDeliveredV1.type)).data,
    ).toEqual({
      orderId: orders.c.orderId,
      riderId: 'rider-001',
    });
    await service.untilAssignment(orders.c.orderId, (a) => a.status === 'delivered', 'delivered');
    expect((await service.riders())[0]).toMatchObject({
      status: 'available',
      currentOrderId: null,
    });

    await service.broker.publishOrderEvent(orderCancelledEvent(orders.c)); // too late: a no-op
    await service.broker.publishOrderEvent(orderCancelledEvent(orders.b));
    await service.broker.untilStatus(orders.b.orderId, RiderReleasedV1.type);
    expect(await service.publishedCount(orders.c.orderId, RiderReleasedV1.type)).toBe(0);
  });

  it('remembers a cancellation that overtook its creation, so the late creation takes no rider', async () => {
    const order = orderCreatedData();
    await service.broker.publishOrderEvent(orderCancelledEvent(order));
    await service.untilAssignment(order.orderId, (a) => a.status === 'cancelled', 'remembered');

    const creation = orderCreatedEvent(order);
    await service.broker.publishOrderEvent(creation);
    await service.untilApplied(creation.messageId);

    expect((await service.http().get(`/assignments/${order.orderId}`)).body).toMatchObject({
      status: 'cancelled',
      riderId: null,
    });
    expect(await service.publishedCount(order.orderId, RiderAssignedV1.type)).toBe(0);
    expect((await service.riders()).every((r) => r.status === 'available')).toBe(true);
  });
});
