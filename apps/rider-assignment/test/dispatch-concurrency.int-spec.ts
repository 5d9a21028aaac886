import { RiderAssignedV1 } from '@dinner-rush/contracts';
import { waitFor } from '@dinner-rush/testing';
import { orderCreatedData, orderCreatedEvent } from './factories';
import { RiderAssignmentHarness } from './harness';

const ORDERS = 60;

/**
 * The waiting line under concurrency: a burst of orders many times the fleet,
 * handled up to PREFETCH at a time, while short rides keep freeing riders (each
 * delivery takes the waiting-line lock shared, each order joining the line takes
 * it exclusive). Sampled all along, one statement per sample (one snapshot):
 * no committed state may show an order waiting while a rider is free.
 */
describe('rider-assignment waiting line under concurrent orders and deliveries (real PostgreSQL + RabbitMQ)', () => {
  let service: RiderAssignmentHarness;

  beforeAll(async () => {
    service = await RiderAssignmentHarness.start({
      RIDER_FLEET_SIZE: '4',
      RIDER_DELIVERY_MS: '150',
      PREFETCH: '20',
    });
  });

  afterAll(async () => {
    await service?.close();
  });

  it('never leaves an order waiting beside a free rider, and assigns and delivers each order once', async () => {
    const orders = Array.from({ length: ORDERS }, () => orderCreatedData());
    let sampling = true;
    const violations: { waiting: number; available: number }[] = [];
    let samples = 0;
    const sampler = (async () => {
      while (sampling) {
        const { rows } = await service.sql.query<{ waiting: number; available: number }>(
          `SELECT (SELECT count(*)::int FROM assignments WHERE status = 'waiting') AS waiting,
                  (SELECT count(*)::int FROM riders WHERE status = 'available') AS available`,
        );
        const sample = rows[0]!;
        samples++;
        if (sample.waiting > 0 && sample.available > 0) violations.push(sample);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();

    await Promise.all(
      orders.map((order) => service.broker.publishOrderEvent(orderCreatedEvent(order))),
    );
    await waitFor(
      async () => {
        const { rows } = await service.sql.query<{ delivered: number }>(
          `SELECT count(*)::int AS delivered FROM assignments WHERE status = 'delivered'`,
        );
        return rows[0]!.delivered === ORDERS ? true : undefined;
      },
      { what: `all ${ORDERS} orders delivered`, timeoutMs: 90_000 },
    );
    sampling = false;
    await sampler;

    expect(samples).toBeGreaterThan(10);
    expect(violations).toEqual([]);
    for (const order of orders) {
      await service.broker.untilStatus(order.orderId, RiderAssignedV1.type);
      expect(service.broker.statusFor(order.orderId, RiderAssignedV1.type)).toHaveLength(1);
    }
    const riders = await service.riders();
    expect(riders.every((r) => r.status === 'available' && r.currentOrderId === null)).toBe(true);
  });
});
