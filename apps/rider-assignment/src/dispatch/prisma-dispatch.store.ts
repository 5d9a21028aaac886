import type { Prisma } from '../generated/prisma/client';
import type { Assignment } from '../generated/prisma/client';
import type { AssignmentState, DispatchStore, NewOrder } from './dispatch-store';
import type { RiderAtPosition } from './nearest-rider';

/** Any 64-bit key works; this one is just this service's waiting line, spelled out. */
const WAITING_LINE_LOCK = "hashtext('rider-assignment.waiting-line')";

/** DispatchStore on one Prisma interactive transaction (READ COMMITTED). */
export class PrismaDispatchStore implements DispatchStore {
  constructor(private readonly tx: Prisma.TransactionClient) {}

  async openOrder(order: NewOrder, at: Date): Promise<boolean> {
    // ON CONFLICT DO NOTHING: a concurrent duplicate waits for ours, then finds it.
    const { count } = await this.tx.assignment.createMany({
      data: {
        orderId: order.orderId,
        correlationId: order.correlationId,
        status: 'waiting',
        merchantLat: order.merchantLocation.lat,
        merchantLng: order.merchantLocation.lng,
        requestedAt: at,
      },
      skipDuplicates: true,
    });
    return count === 1;
  }

  async availableRiders(): Promise<RiderAtPosition[]> {
    const riders = await this.tx.rider.findMany({ where: { status: 'available' } });
    return riders.map(toRiderAtPosition);
  }

  async rider(riderId: string): Promise<RiderAtPosition> {
    return toRiderAtPosition(await this.tx.rider.findUniqueOrThrow({ where: { id: riderId } }));
  }

  async reserveRider(riderId: string, orderId: string, wait: boolean): Promise<boolean> {
    // The status is re-checked on the locked row: a rider taken meanwhile is not taken twice.
    const locked = wait
      ? await this.tx.$queryRaw<{ id: string }[]>`
          SELECT id FROM riders WHERE id = ${riderId} AND status = 'available' FOR UPDATE`
      : await this.tx.$queryRaw<{ id: string }[]>`
          SELECT id FROM riders WHERE id = ${riderId} AND status = 'available'
             FOR UPDATE SKIP LOCKED`;
    if (locked.length === 0) return false;
    await this.tx.rider.update({
      where: { id: riderId },
      data: { status: 'busy', currentOrderId: orderId },
    });
    return true;
  }

  async handOver(riderId: string, orderId: string): Promise<void> {
    await this.tx.rider.update({
      where: { id: riderId },
      data: { status: 'busy', currentOrderId: orderId },
    });
  }

  async releaseRider(riderId: string): Promise<void> {
    await this.tx.rider.update({
      where: { id: riderId },
      data: { status: 'available', currentOrderId: null },
    });
  }

  async lockWaitingLine(): Promise<void> {
    await this.tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${WAITING_LINE_LOCK})`);
  }

  async lockAssignment(orderId: string): Promise<AssignmentState | null> {
    const locked = await this.tx.$queryRaw<{ order_id: string }[]>`
      SELECT order_id FROM assignments WHERE order_id = ${orderId}::uuid FOR UPDATE`;
    return locked.length === 0 ? null : this.read(orderId);
  }

  async lockOldestWaiting(): Promise<AssignmentState | null> {
    // SKIP LOCKED: an order being cancelled right now is passed over, not waited for.
    const locked = await this.tx.$queryRaw<{ order_id: string }[]>`
      SELECT order_id FROM assignments WHERE status = 'waiting'
       ORDER BY requested_at, order_id LIMIT 1 FOR UPDATE SKIP LOCKED`;
    const orderId = locked[0]?.order_id;
    return orderId === undefined ? null : this.read(orderId);
  }

  async markAssigned(orderId: string, riderId: string, distanceKm: number, at: Date) {
    await this.tx.assignment.update({
      where: { orderId },
      data: { status: 'assigned', riderId, distanceKm, assignedAt: at },
    });
  }

  async markDelivered(orderId: string, at: Date): Promise<void> {
    await this.tx.assignment.update({
      where: { orderId },
      data: { status: 'delivered', deliveredAt: at },
    });
  }

  async markCancelled(orderId: string, at: Date): Promise<void> {
    await this.tx.assignment.update({
      where: { orderId },
      data: { status: 'cancelled', cancelledAt: at },
    });
  }

  async rememberCancellation(orderId: string, correlationId: string, at: Date) {
    const { count } = await this.tx.assignment.createMany({
      data: { orderId, correlationId, status: 'cancelled', cancelledAt: at },
      skipDuplicates: true,
    });
    return count === 1;
  }

  private async read(orderId: string): Promise<AssignmentState> {
    return toState(await this.tx.assignment.findUniqueOrThrow({ where: { orderId } }));
  }
}

function toRiderAtPosition(rider: {
  id: string;
  name: string;
  lat: number;
  lng: number;
}): RiderAtPosition {
  return { id: rider.id, name: rider.name, position: { lat: rider.lat, lng: rider.lng } };
}

function toState(row: Assignment): AssignmentState {
  return {
    orderId: row.orderId,
    correlationId: row.correlationId,
    status: row.status,
    riderId: row.riderId,
    merchantLocation:
      row.merchantLat === null || row.merchantLng === null
        ? null
        : { lat: row.merchantLat, lng: row.merchantLng },
    requestedAt: row.requestedAt,
  };
}
