import type { DispatchOutcome } from './dispatch-outcome';
import type { AssignmentState, DispatchStore, DueRide, NewOrder } from './dispatch-store';
import { pairNearest } from './nearest-rider';

/**
 * The assignment rules, over one transaction's store, a batch at a time.
 *
 * Concurrency: new orders join the waiting line under its exclusive lock, so
 * batches of new orders take riders one batch after another and each sees the
 * fleet exactly as it is (nobody else frees or takes a rider meanwhile); a
 * batch holds it for a few statements. Freeing riders ("take the oldest
 * waiting order, else become available") takes the same lock shared, so
 * deliveries never wait on each other, only on new orders: without the lock
 * both moves could miss each other's uncommitted change and leave an order
 * waiting beside an idle rider. Locks are taken as assignment rows, waiting-
 * line lock, rider rows; a transaction holding a rider lock asks for the
 * waiting-line lock only when a batch mixes cancellations with new orders, a
 * rare deadlock PostgreSQL breaks (the batch is then applied message by message).
 */
export class Dispatcher {
  constructor(
    private readonly store: DispatchStore,
    private readonly now: Date,
  ) {}

  /** Each new order takes the nearest free rider, in arrival order; the rest wait in line. */
  async ordersCreated(orders: readonly NewOrder[]): Promise<DispatchOutcome[]> {
    // A duplicate creation, or one overtaken by its cancellation, takes no rider.
    const opened = await this.store.openOrders(orders, this.now);
    if (opened.length === 0) return [];
    await this.store.lockWaitingLine('join');
    const pairs = pairNearest(
      opened.map((order) => ({ ...order, pickUp: order.merchantLocation })),
      await this.store.availableRiders(),
    );
    const wanted = pairs.map(({ pickUp, rider }) => ({
      riderId: rider.id,
      orderId: pickUp.orderId,
      distanceKm: rider.distanceKm,
    }));
    const reserved = await this.store.reserveRiders(wanted);
    await this.store.markAssigned(
      wanted.filter((pair) => reserved.has(pair.riderId)),
      this.now,
    );
    return pairs
      .filter(({ rider }) => reserved.has(rider.id))
      .map(({ pickUp, rider }) => ({
        kind: 'assigned',
        orderId: pickUp.orderId,
        correlationId: pickUp.correlationId,
        causationId: pickUp.causationId,
        riderId: rider.id,
        riderName: rider.name,
        distanceKm: rider.distanceKm,
        waitedMs: 0,
      }));
  }

  /** Rides whose time is up are delivered; their riders take waiting orders or become free. */
  async deliveriesDue(rides: readonly DueRide[]): Promise<DispatchOutcome[]> {
    const assignments = new Map(
      (await this.store.lockAssignments(rides.map((ride) => ride.orderId))).map((a) => [
        a.orderId,
        a,
      ]),
    );
    // Cancelled meanwhile (its rider already moved on), or delivered already (a second timer).
    const due = dedupe(
      rides.filter((ride) => {
        const assignment = assignments.get(ride.orderId);
        return assignment?.status === 'assigned' && assignment.riderId === ride.riderId;
      }),
    );
    if (due.length === 0) return [];
    await this.store.markDelivered(
      due.map((ride) => ride.orderId),
      this.now,
    );
    const delivered: DispatchOutcome[] = due.map((ride) => ({
      kind: 'delivered',
      orderId: ride.orderId,
      correlationId: assignments.get(ride.orderId)?.correlationId ?? ride.orderId,
      causationId: ride.causationId,
      riderId: ride.riderId,
    }));
    return [...delivered, ...(await this.freeRiders(due))];
  }

  async orderCancelled(
    orderId: string,
    correlationId: string,
    causationId: string,
  ): Promise<DispatchOutcome[]> {
    let [assignment] = await this.store.lockAssignments([orderId]);
    if (!assignment) {
      if (await this.store.rememberCancellation(orderId, correlationId, this.now)) return [];
      // The creation committed while we looked: apply the cancellation to it.
      [assignment] = await this.store.lockAssignments([orderId]);
      if (!assignment) throw new Error(`assignment ${orderId} vanished during cancellation`);
    }
    return this.cancel(assignment, causationId);
  }

  private async cancel(
    assignment: AssignmentState,
    causationId: string,
  ): Promise<DispatchOutcome[]> {
    const { orderId, correlationId, riderId } = assignment;
    if (assignment.status === 'waiting') {
      await this.store.markCancelled(orderId, this.now);
      return [{ kind: 'released', orderId, correlationId, causationId, riderId: null }];
    }
    if (assignment.status === 'assigned' && riderId) {
      await this.store.markCancelled(orderId, this.now);
      const released: DispatchOutcome = {
        kind: 'released',
        orderId,
        correlationId,
        causationId,
        riderId,
      };
      return [released, ...(await this.freeRiders([{ orderId, riderId, causationId }]))];
    }
    return []; // delivered or already cancelled: nothing to undo
  }

  /**
   * The oldest waiting orders, first come first served, each take the nearest
   * of the freed riders; riders left over become available.
   */
  private async freeRiders(freed: readonly DueRide[]): Promise<DispatchOutcome[]> {
    await this.store.lockWaitingLine('free');
    const waiting = await this.store.lockOldestWaiting(freed.length);
    const riders = await this.store.riders(freed.map((ride) => ride.riderId));
    const pairs = pairNearest(
      // Waiting orders always have a pick-up (only remembered cancellations lack one).
      waiting.flatMap((order) =>
        order.merchantLocation ? [{ ...order, pickUp: order.merchantLocation }] : [],
      ),
      riders,
    );
    const handOvers = pairs.map(({ pickUp, rider }) => ({
      riderId: rider.id,
      orderId: pickUp.orderId,
      distanceKm: rider.distanceKm,
    }));
    const busy = new Set(handOvers.map((pair) => pair.riderId));
    await this.store.handOver(handOvers);
    await this.store.markAssigned(handOvers, this.now);
    await this.store.releaseRiders(riders.map((r) => r.id).filter((id) => !busy.has(id)));
    const causeOf = new Map(freed.map((ride) => [ride.riderId, ride.causationId]));
    return pairs.map(({ pickUp, rider }) => ({
      kind: 'assigned',
      orderId: pickUp.orderId,
      correlationId: pickUp.correlationId,
      causationId: causeOf.get(rider.id) ?? pickUp.orderId,
      riderId: rider.id,
      riderName: rider.name,
      distanceKm: rider.distanceKm,
      waitedMs: Math.max(0, this.now.getTime() - (pickUp.requestedAt ?? this.now).getTime()),
    }));
  }
}

/** One ride per order: a timer delivered twice in one batch counts once. */
function dedupe(rides: readonly DueRide[]): DueRide[] {
  const seen = new Set<string>();
  return rides.filter((ride) => !seen.has(ride.orderId) && seen.add(ride.orderId));
}
