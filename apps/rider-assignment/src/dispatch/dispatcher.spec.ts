/* eslint-disable @typescript-eslint/require-await -- in-memory stand-in for an async store */
import { randomUUID } from 'node:crypto';
import type { GeoPoint } from '@dinner-rush/contracts';
import type { AssignmentState, DispatchStore, NewOrder, RiderForOrder } from './dispatch-store';
import { Dispatcher } from './dispatcher';
import type { RiderAtPosition } from './nearest-rider';

/** The store's contract in memory: one transaction at a time, so locks are no-ops. */
class InMemoryDispatchStore implements DispatchStore {
  readonly fleet = new Map<
    string,
    RiderAtPosition & { status: 'available' | 'busy'; currentOrderId: string | null }
  >();
  readonly assignments = new Map<string, AssignmentState & { distanceKm?: number }>();

  addRider(id: string, position: GeoPoint): void {
    this.fleet.set(id, {
      id,
      name: `Rider ${id}`,
      position,
      status: 'available',
      currentOrderId: null,
    });
  }

  async openOrders(orders: readonly NewOrder[], at: Date) {
    return orders.filter((order) => {
      if (this.assignments.has(order.orderId)) return false;
      this.assignments.set(order.orderId, {
        orderId: order.orderId,
        correlationId: order.correlationId,
        merchantLocation: order.merchantLocation,
        status: 'waiting',
        riderId: null,
        requestedAt: at,
      });
      return true;
    });
  }
  async availableRiders() {
    return [...this.fleet.values()].filter((r) => r.status === 'available');
  }
  async riders(riderIds: readonly string[]) {
    return riderIds.map((id) => this.fleet.get(id)!);
  }
  async reserveRiders(pairs: readonly RiderForOrder[]) {
    const reserved = new Set<string>();
    for (const { riderId, orderId } of pairs) {
      const rider = this.fleet.get(riderId)!;
      if (rider.status !== 'available') continue;
      Object.assign(rider, { status: 'busy', currentOrderId: orderId });
      reserved.add(riderId);
    }
    return reserved;
  }
  async handOver(pairs: readonly RiderForOrder[]) {
    for (const { riderId, orderId } of pairs)
      Object.assign(this.fleet.get(riderId)!, { status: 'busy', currentOrderId: orderId });
  }
  async releaseRiders(riderIds: readonly string[]) {
    for (const id of riderIds)
      Object.assign(this.fleet.get(id)!, { status: 'available', currentOrderId: null });
  }
  async lockWaitingLine() {}
  async lockAssignments(orderIds: readonly string[]) {
    return orderIds.flatMap((id) => {
      const assignment = this.assignments.get(id);
      return assignment ? [assignment] : [];
    });
  }
  async lockOldestWaiting(limit: number) {
    const waiting = [...this.assignments.values()].filter((a) => a.status === 'waiting');
    waiting.sort(
      (a, b) =>
        a.requestedAt!.getTime() - b.requestedAt!.getTime() || a.orderId.localeCompare(b.orderId),
    );
    return waiting.slice(0, limit);
  }
  async markAssigned(pairs: readonly RiderForOrder[]) {
    for (const { orderId, riderId, distanceKm } of pairs)
      Object.assign(this.assignments.get(orderId)!, { status: 'assigned', riderId, distanceKm });
  }
  async markDelivered(orderIds: readonly string[]) {
    for (const id of orderIds) this.assignments.get(id)!.status = 'delivered';
  }
  async markCancelled(orderId: string) {
    this.assignments.get(orderId)!.status = 'cancelled';
  }
  async rememberCancellation(orderId: string, correlationId: string) {
    if (this.assignments.has(orderId)) return false;
    this.assignments.set(orderId, {
      orderId,
      correlationId,
      status: 'cancelled',
      riderId: null,
      merchantLocation: null,
      requestedAt: null,
    });
    return true;
  }
}

const centre = { lat: 52.52, lng: 13.405 };
const north = { lat: 52.56, lng: 13.405 };
const south = { lat: 52.48, lng: 13.405 };

function newOrder(merchantLocation: GeoPoint = centre): NewOrder {
  const orderId = randomUUID();
  return { orderId, correlationId: orderId, merchantLocation, causationId: randomUUID() };
}

describe('Dispatcher', () => {
  let store: InMemoryDispatchStore;
  /** The dispatcher at a moment, with the one-message forms the cases below read best in. */
  const at = (ms: number) => {
    const dispatcher = new Dispatcher(store, new Date(Date.UTC(2030, 0, 1, 12) + ms));
    return {
      ordersCreated: (orders: NewOrder[]) => dispatcher.ordersCreated(orders),
      orderCreated: (order: NewOrder) => dispatcher.ordersCreated([order]),
      deliveryDue: (orderId: string, riderId: string) =>
        dispatcher.deliveriesDue([{ orderId, riderId, causationId: randomUUID() }]),
      deliveriesDue: (rides: { orderId: string; riderId: string }[]) =>
        dispatcher.deliveriesDue(rides.map((ride) => ({ ...ride, causationId: randomUUID() }))),
      orderCancelled: (orderId: string, correlationId: string) =>
        dispatcher.orderCancelled(orderId, correlationId, randomUUID()),
    };
  };

  beforeEach(() => {
    store = new InMemoryDispatchStore();
    store.addRider('rider-north', north);
    store.addRider('rider-south', south);
  });

  describe('order created', () => {
    it('takes the nearest available rider at once', async () => {
      const order = newOrder({ lat: 52.55, lng: 13.405 });
      const outcomes = await at(0).orderCreated(order);
      expect(outcomes).toEqual([
        expect.objectContaining({
          kind: 'assigned',
          orderId: order.orderId,
          riderId: 'rider-north',
          waitedMs: 0,
        }),
      ]);
      expect(store.fleet.get('rider-north')).toMatchObject({
        status: 'busy',
        currentOrderId: order.orderId,
      });
    });

    it('skips busy riders, however near', async () => {
      await at(0).orderCreated(newOrder(north));
      const outcomes = await at(1).orderCreated(newOrder(north));
      expect(outcomes).toEqual([expect.objectContaining({ riderId: 'rider-south' })]);
    });

    it('puts the order in the waiting line when no rider is free (not dropped, nothing announced)', async () => {
      await at(0).orderCreated(newOrder());
      await at(1).orderCreated(newOrder());
      const third = newOrder();
      expect(await at(2).orderCreated(third)).toEqual([]);
      expect(store.assignments.get(third.orderId)).toMatchObject({
        status: 'waiting',
        riderId: null,
      });
    });

    it('ignores a duplicate creation: one assignment, one rider', async () => {
      const order = newOrder();
      await at(0).orderCreated(order);
      expect(await at(1).orderCreated(order)).toEqual([]);
      expect(store.assignments.size).toBe(1);
      expect(store.fleet.get('rider-south')?.status).toBe('available');
    });
  });

  describe('delivery due', () => {
    it('delivers and hands the freed rider the OLDEST waiting order, with the time it waited', async () => {
      const first = newOrder(north);
      await at(0).orderCreated(first);
      await at(0).orderCreated(newOrder(south));
      const older = newOrder(south);
      const younger = newOrder(north);
      await at(100).orderCreated(older);
      await at(200).orderCreated(younger);

      const outcomes = await at(5_000).deliveryDue(first.orderId, 'rider-north');

      expect(outcomes).toEqual([
        expect.objectContaining({
          kind: 'delivered',
          orderId: first.orderId,
          riderId: 'rider-north',
        }),
        expect.objectContaining({
          kind: 'assigned',
          orderId: older.orderId,
          riderId: 'rider-north',
          waitedMs: 4_900,
          distanceKm: 8.896,
        }),
      ]);
      expect(store.fleet.get('rider-north')?.currentOrderId).toBe(older.orderId);
      expect(store.assignments.get(younger.orderId)?.status).toBe('waiting');
    });

    it('makes the rider available when nobody waits', async () => {
      const order = newOrder();
      await at(0).orderCreated(order);
      await at(10).deliveryDue(order.orderId, 'rider-north');
      expect(store.fleet.get('rider-north')).toMatchObject({
        status: 'available',
        currentOrderId: null,
      });
      expect(store.assignments.get(order.orderId)?.status).toBe('delivered');
    });

    it('ignores the timer of a cancelled order: the rider keeps its new order', async () => {
      const cancelled = newOrder(north);
      await at(0).orderCreated(cancelled);
      await at(0).orderCreated(newOrder(south));
      const next = newOrder(north);
      await at(1).orderCreated(next);
      await at(2).orderCancelled(cancelled.orderId, cancelled.correlationId);

      expect(await at(3).deliveryDue(cancelled.orderId, 'rider-north')).toEqual([]);
      expect(store.assignments.get(cancelled.orderId)?.status).toBe('cancelled');
      expect(store.fleet.get('rider-north')).toMatchObject({
        status: 'busy',
        currentOrderId: next.orderId,
      });
    });
  });

  describe('order cancelled', () => {
    it('releases the assigned rider to the next waiting order', async () => {
      const assigned = newOrder(north);
      await at(0).orderCreated(assigned);
      await at(0).orderCreated(newOrder(south));
      const waiting = newOrder(north);
      await at(50).orderCreated(waiting);

      const outcomes = await at(80).orderCancelled(assigned.orderId, assigned.correlationId);

      expect(outcomes).toEqual([
        expect.objectContaining({
          kind: 'released',
          orderId: assigned.orderId,
          riderId: 'rider-north',
        }),
        expect.objectContaining({
          kind: 'assigned',
          orderId: waiting.orderId,
          riderId: 'rider-north',
          waitedMs: 30,
        }),
      ]);
    });

    it('releases the rider to the fleet when nobody waits', async () => {
      const order = newOrder();
      await at(0).orderCreated(order);
      await at(1).orderCancelled(order.orderId, order.correlationId);
      expect(store.fleet.get('rider-north')?.status).toBe('available');
    });

    it('takes a waiting order out of the line without touching any rider', async () => {
      await at(0).orderCreated(newOrder());
      await at(0).orderCreated(newOrder());
      const waiting = newOrder();
      await at(1).orderCreated(waiting);

      const outcomes = await at(2).orderCancelled(waiting.orderId, waiting.correlationId);

      expect(outcomes).toEqual([
        expect.objectContaining({
          kind: 'released',
          orderId: waiting.orderId,
          correlationId: waiting.correlationId,
          riderId: null,
        }),
      ]);
      expect(await store.lockOldestWaiting(1)).toEqual([]);
    });

    it('remembers a cancellation that overtook its creation, so the creation takes no rider', async () => {
      const order = newOrder();
      expect(await at(0).orderCancelled(order.orderId, order.correlationId)).toEqual([]);
      expect(await at(1).orderCreated(order)).toEqual([]);
      expect(store.assignments.get(order.orderId)?.status).toBe('cancelled');
      expect([...store.fleet.values()].every((r) => r.status === 'available')).toBe(true);
    });

    it('does nothing once the order was delivered, or when cancelled twice', async () => {
      const order = newOrder();
      await at(0).orderCreated(order);
      await at(1).deliveryDue(order.orderId, 'rider-north');
      expect(await at(2).orderCancelled(order.orderId, order.correlationId)).toEqual([]);
      expect(store.assignments.get(order.orderId)?.status).toBe('delivered');

      const twice = newOrder();
      await at(3).orderCreated(twice);
      await at(4).orderCancelled(twice.orderId, twice.correlationId);
      expect(await at(5).orderCancelled(twice.orderId, twice.correlationId)).toEqual([]);
    });
  });

  describe('batches', () => {
    it('gives each order of a batch the nearest rider still free, first come first served', async () => {
      const nearNorth = newOrder({ lat: 52.55, lng: 13.405 });
      const alsoNorth = newOrder({ lat: 52.551, lng: 13.405 });
      const third = newOrder(north);
      const outcomes = await at(0).ordersCreated([nearNorth, alsoNorth, third]);
      expect(outcomes.map((o) => [o.orderId, o.riderId])).toEqual([
        [nearNorth.orderId, 'rider-north'],
        [alsoNorth.orderId, 'rider-south'],
      ]);
      expect(store.assignments.get(third.orderId)?.status).toBe('waiting');
    });

    it('opens a creation repeated inside one batch once', async () => {
      const order = newOrder();
      const outcomes = await at(0).ordersCreated([order, order]);
      expect(outcomes).toHaveLength(1);
    });

    it('ends several rides at once, pairing the freed riders with the oldest waiting orders', async () => {
      const a = newOrder(north);
      const b = newOrder(south);
      await at(0).ordersCreated([a, b]);
      const waitsNorth = newOrder(north);
      const waitsSouth = newOrder(south);
      const waitsLast = newOrder(south);
      await at(10).ordersCreated([waitsNorth]);
      await at(20).ordersCreated([waitsSouth]);
      await at(30).ordersCreated([waitsLast]);

      const outcomes = await at(1_000).deliveriesDue([
        { orderId: a.orderId, riderId: 'rider-north' },
        { orderId: b.orderId, riderId: 'rider-south' },
      ]);

      expect(outcomes.map((o) => [o.kind, o.orderId, o.riderId])).toEqual([
        ['delivered', a.orderId, 'rider-north'],
        ['delivered', b.orderId, 'rider-south'],
        ['assigned', waitsNorth.orderId, 'rider-north'],
        ['assigned', waitsSouth.orderId, 'rider-south'],
      ]);
      expect(store.assignments.get(waitsLast.orderId)?.status).toBe('waiting');
    });
  });
});
