import type { PgTx } from '@dinner-rush/messaging';
import type { AssignmentStatus } from '../generated/prisma/enums';
import type { AssignmentState, DispatchStore, NewOrder, WaitingLineMove } from './dispatch-store';
import type { RiderAtPosition } from './nearest-rider';

/** Any 64-bit key works; this one is just this service's waiting line, spelled out. */
const WAITING_LINE_LOCK = "hashtext('rider-assignment.waiting-line')";

const LOCK_WAITING_LINE: Record<WaitingLineMove, string> = {
  join: `SELECT pg_advisory_xact_lock(${WAITING_LINE_LOCK})`,
  free: `SELECT pg_advisory_xact_lock_shared(${WAITING_LINE_LOCK})`,
};

const ASSIGNMENT_COLUMNS = `order_id, correlation_id, status, rider_id,
  merchant_lat, merchant_lng, requested_at`;

interface AssignmentRow {
  order_id: string;
  correlation_id: string;
  status: AssignmentStatus;
  rider_id: string | null;
  merchant_lat: number | null;
  merchant_lng: number | null;
  requested_at: Date | null;
}

interface RiderRow {
  id: string;
  name: string;
  lat: number;
  lng: number;
}

/**
 * DispatchStore on one plain pg transaction (READ COMMITTED), the per-message
 * hot path: one round trip per step, a lock and its read in the same statement,
 * no query compiler in between. The read APIs stay on Prisma.
 */
export class PgDispatchStore implements DispatchStore {
  constructor(private readonly tx: PgTx) {}

  async openOrder(order: NewOrder, at: Date): Promise<boolean> {
    // ON CONFLICT DO NOTHING: a concurrent duplicate waits for ours, then finds it.
    const inserted = await this.tx.$executeRawUnsafe(
      `INSERT INTO assignments
         (order_id, correlation_id, status, merchant_lat, merchant_lng, requested_at)
       VALUES ($1::uuid, $2::uuid, 'waiting', $3, $4, $5)
       ON CONFLICT DO NOTHING`,
      order.orderId,
      order.correlationId,
      order.merchantLocation.lat,
      order.merchantLocation.lng,
      at,
    );
    return inserted === 1;
  }

  async availableRiders(): Promise<RiderAtPosition[]> {
    const riders = await this.tx.query<RiderRow>(
      `SELECT id, name, lat, lng FROM riders WHERE status = 'available'`,
    );
    return riders.map(toRiderAtPosition);
  }

  async rider(riderId: string): Promise<RiderAtPosition> {
    const [rider] = await this.tx.query<RiderRow>(
      'SELECT id, name, lat, lng FROM riders WHERE id = $1',
      [riderId],
    );
    if (!rider) throw new Error(`rider ${riderId} does not exist`);
    return toRiderAtPosition(rider);
  }

  async reserveRider(riderId: string, orderId: string, wait: boolean): Promise<boolean> {
    // The status is re-checked on the locked row: a rider taken meanwhile is not taken twice.
    // Waiting, the UPDATE itself waits for the row and re-evaluates its WHERE on the new version.
    const reserved = await this.tx.$executeRawUnsafe(
      wait
        ? `UPDATE riders SET status = 'busy', current_order_id = $2::uuid
            WHERE id = $1 AND status = 'available'`
        : `UPDATE riders SET status = 'busy', current_order_id = $2::uuid
            WHERE id = (SELECT id FROM riders WHERE id = $1 AND status = 'available'
                          FOR UPDATE SKIP LOCKED)`,
      riderId,
      orderId,
    );
    return reserved === 1;
  }

  async handOver(riderId: string, orderId: string): Promise<void> {
    await this.tx.$executeRawUnsafe(
      `UPDATE riders SET status = 'busy', current_order_id = $2::uuid WHERE id = $1`,
      riderId,
      orderId,
    );
  }

  async releaseRider(riderId: string): Promise<void> {
    await this.tx.$executeRawUnsafe(
      `UPDATE riders SET status = 'available', current_order_id = NULL WHERE id = $1`,
      riderId,
    );
  }

  async lockWaitingLine(move: WaitingLineMove): Promise<void> {
    await this.tx.query(LOCK_WAITING_LINE[move]);
  }

  async lockAssignment(orderId: string): Promise<AssignmentState | null> {
    const [row] = await this.tx.query<AssignmentRow>(
      `SELECT ${ASSIGNMENT_COLUMNS} FROM assignments WHERE order_id = $1::uuid FOR UPDATE`,
      [orderId],
    );
    return row ? toState(row) : null;
  }

  async lockOldestWaiting(): Promise<AssignmentState | null> {
    // SKIP LOCKED: an order being cancelled right now is passed over, not waited for.
    const [row] = await this.tx.query<AssignmentRow>(
      `SELECT ${ASSIGNMENT_COLUMNS} FROM assignments WHERE status = 'waiting'
        ORDER BY requested_at, order_id LIMIT 1 FOR UPDATE SKIP LOCKED`,
    );
    return row ? toState(row) : null;
  }

  async markAssigned(orderId: string, riderId: string, distanceKm: number, at: Date) {
    await this.tx.$executeRawUnsafe(
      `UPDATE assignments SET status = 'assigned', rider_id = $2, distance_km = $3, assigned_at = $4
        WHERE order_id = $1::uuid`,
      orderId,
      riderId,
      distanceKm,
      at,
    );
  }

  async markDelivered(orderId: string, at: Date): Promise<void> {
    await this.tx.$executeRawUnsafe(
      `UPDATE assignments SET status = 'delivered', delivered_at = $2 WHERE order_id = $1::uuid`,
      orderId,
      at,
    );
  }

  async markCancelled(orderId: string, at: Date): Promise<void> {
    await this.tx.$executeRawUnsafe(
      `UPDATE assignments SET status = 'cancelled', cancelled_at = $2 WHERE order_id = $1::uuid`,
      orderId,
      at,
    );
  }

  async rememberCancellation(orderId: string, correlationId: string, at: Date) {
    const inserted = await this.tx.$executeRawUnsafe(
      `INSERT INTO assignments (order_id, correlation_id, status, cancelled_at)
       VALUES ($1::uuid, $2::uuid, 'cancelled', $3)
       ON CONFLICT DO NOTHING`,
      orderId,
      correlationId,
      at,
    );
    return inserted === 1;
  }
}

function toRiderAtPosition(rider: RiderRow): RiderAtPosition {
  return { id: rider.id, name: rider.name, position: { lat: rider.lat, lng: rider.lng } };
}

function toState(row: AssignmentRow): AssignmentState {
  return {
    orderId: row.order_id,
    correlationId: row.correlation_id,
    status: row.status,
    riderId: row.rider_id,
    merchantLocation:
      row.merchant_lat === null || row.merchant_lng === null
        ? null
        : { lat: row.merchant_lat, lng: row.merchant_lng },
    requestedAt: row.requested_at,
  };
}
