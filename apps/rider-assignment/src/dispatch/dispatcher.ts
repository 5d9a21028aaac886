import type { DispatchOutcome } from './dispatch-outcome';
import type { AssignmentState, DispatchStore, NewOrder } from './dispatch-store';
import { haversineKm, rankByDistance, roundKm } from './nearest-rider';

/**
 * The assignment rules, over one transaction's store.
 *
 * Concurrency: taking a free rider needs only that rider's row lock, so
 * concurrent orders each get a different rider without waiting on each other.
 * The two moves of the waiting line, "no rider free: join the line" and "a rider
 * is free: take the oldest waiting order, else become available", exclude each
 * other through one transaction-scoped lock. Without it both could miss each
 * other's uncommitted change and leave an order waiting beside an idle rider.
 * Freeing takes the lock shared: every delivery frees a rider, and two riders
 * freed at once cannot strand an order (each takes a different waiting order,
 * SKIP LOCKED), so deliveries never queue behind each other. No deadlock: locks
 * are taken as assignment row, waiting-line lock, rider rows, and a transaction
 * holding a rider lock never asks for the waiting-line lock.
 */
export class Dispatcher {
  constructor(
    private readonly store: DispatchStore,
    private readonly now: Date,
  ) {}

  async orderCreated(order: NewOrder): Promise<DispatchOutcome[]> {
    // A duplicate creation, or one overtaken by its cancellation, takes no rider.
    if (!(await this.store.openOrder(order, this.now))) return [];
    const fast = await this.takeNearest(order, false);
    if (fast) return [fast];
    await this.store.lockWaitingLine('join');
    const slow = await this.takeNearest(order, true);
    return slow ? [slow] : []; // otherwise it stays in the line, FIFO by arrival
  }

  async deliveryDue(orderId: string, riderId: string): Promise<DispatchOutcome[]> {
    const assignment = await this.store.lockAssignment(orderId);
    // Cancelled meanwhile (its rider already moved on), or delivered already.
    if (assignment?.status !== 'assigned' || assignment.riderId !== riderId) return [];
    await this.store.markDelivered(orderId, this.now);
    const delivered: DispatchOutcome = {
      kind: 'delivered',
      orderId,
      correlationId: assignment.correlationId,
      riderId,
    };
    return [delivered, ...(await this.freeRider(riderId))];
  }

  async orderCancelled(orderId: string, correlationId: string): Promise<DispatchOutcome[]> {
    let assignment = await this.store.lockAssignment(orderId);
    if (!assignment) {
      if (await this.store.rememberCancellation(orderId, correlationId, this.now)) return [];
      // The creation committed while we looked: apply the cancellation to it.
      assignment = await this.store.lockAssignment(orderId);
      if (!assignment) throw new Error(`assignment ${orderId} vanished during cancellation`);
    }
    return this.cancel(assignment);
  }

  private async cancel(assignment: AssignmentState): Promise<DispatchOutcome[]> {
    const { orderId, correlationId, riderId } = assignment;
    if (assignment.status === 'waiting') {
      await this.store.markCancelled(orderId, this.now);
      return [{ kind: 'released', orderId, correlationId, riderId: null }];
    }
    if (assignment.status === 'assigned' && riderId) {
      await this.store.markCancelled(orderId, this.now);
      const released: DispatchOutcome = { kind: 'released', orderId, correlationId, riderId };
      return [released, ...(await this.freeRider(riderId))];
    }
    return []; // delivered or already cancelled: nothing to undo
  }

  private async takeNearest(order: NewOrder, wait: boolean): Promise<DispatchOutcome | null> {
    const candidates = rankByDistance(await this.store.availableRiders(), order.merchantLocation);
    for (const rider of candidates) {
      if (!(await this.store.reserveRider(rider.id, order.orderId, wait))) continue;
      await this.store.markAssigned(order.orderId, rider.id, rider.distanceKm, this.now);
      return {
        kind: 'assigned',
        orderId: order.orderId,
        correlationId: order.correlationId,
        riderId: rider.id,
        riderName: rider.name,
        distanceKm: rider.distanceKm,
        waitedMs: 0,
      };
    }
    return null;
  }

  /** The freed rider takes the oldest waiting order, or becomes available. */
  private async freeRider(riderId: string): Promise<DispatchOutcome[]> {
    await this.store.lockWaitingLine('free');
    const next = await this.store.lockOldestWaiting();
    if (!next) {
      await this.store.releaseRider(riderId);
      return [];
    }
    const rider = await this.store.rider(riderId);
    const pickUp = next.merchantLocation ?? rider.position; // waiting orders always have one
    const distanceKm = roundKm(haversineKm(rider.position, pickUp));
    await this.store.handOver(riderId, next.orderId);
    await this.store.markAssigned(next.orderId, riderId, distanceKm, this.now);
    const waitedMs = Math.max(0, this.now.getTime() - (next.requestedAt ?? this.now).getTime());
    return [
      {
        kind: 'assigned',
        orderId: next.orderId,
        correlationId: next.correlationId,
        riderId,
        riderName: rider.name,
        distanceKm,
        waitedMs,
      },
    ];
  }
}
