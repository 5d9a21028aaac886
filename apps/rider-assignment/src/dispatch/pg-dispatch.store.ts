import type { PgTx } from '@dinner-rush/messaging';
import type { AssignmentStatus } from '../generated/prisma/enums';
import type {
  AssignmentState,
  DispatchStore,
  NewOrder,
  RiderForOrder,
  WaitingLineMove,
} from './dispatch-store';
import type { RiderAtPosition } from './nearest-rider';

/** Any 64-bit key works; this one is just this service's waiting line, spelled out. */
const WAITING_LINE_LOCK = "hashtext('rider-assignment.waiting-line')";

const LOCK_WAITING_LINE: Record<WaitingLineMove, string> = {
  join: `SELECT pg_advisory_xact_lock(${WAITING_LINE_LOCK})`,
  free: `SELECT pg_advisory_xact_lock_shared(${WAITING_LINE_LOCK})`,
};

const ASSIGNMENT_COLUMNS = `order_id::text, correlation_id::text, status, rider_id,
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

/** Rider–order pairs as the statements below read them. */
function pairsJson(pairs: readonly RiderForOrder[]): string {
  return JSON.stringify(
    pairs.map((p) => ({ rider_id: p.riderId, order_id: p.orderId, distance_km: p.distanceKm })),
  );
}

const PAIRS = `jsonb_to_recordset($1::jsonb) AS p(rider_id text, order_id uuid, distance_km float8)`;

/**
 * DispatchStore on one plain pg transaction (READ COMMITTED), a batch per
 * statement: the hot path costs a fixed number of round trips per batch,
 * whatever its size. Rows are locked in key order, so batches never deadlock
 * on them. The read APIs stay on Prisma.
 */
export class PgDispatchStore implements DispatchStore {
  constructor(private readonly tx: PgTx) {}

  async openOrders(orders: readonly NewOrder[], at: Date): Promise<NewOrder[]> {
    // ON CONFLICT DO NOTHING: a concurrent duplicate waits for ours, then finds it.
    const rows = await this.tx.query<{ order_id: string }>(
      `INSERT INTO assignments
         (order_id, correlation_id, status, merchant_lat, merchant_lng, requested_at)
       SELECT o.order_id, o.correlation_id, 'waiting', o.lat, o.lng, $2
         FROM jsonb_to_recordset($1::jsonb)
           AS o(order_id uuid, correlation_id uuid, lat float8, lng float8)
        ORDER BY o.order_id
       ON CONFLICT DO NOTHING
       RETURNING order_id::text`,
      [
        JSON.stringify(
          orders.map((o) => ({
            order_id: o.orderId,
            correlation_id: o.correlationId,
            lat: o.merchantLocation.lat,
            lng: o.merchantLocation.lng,
          })),
        ),
        at,
      ],
    );
    const opened = new Set(rows.map((row) => row.order_id));
    return orders.filter((order) => opened.delete(order.orderId.toLowerCase()));
  }

  async availableRiders(): Promise<RiderAtPosition[]> {
    const riders = await this.tx.query<RiderRow>(
      `SELECT id, name, lat, lng FROM riders WHERE status = 'available'`,
    );
    return riders.map(toRiderAtPosition);
  }

  async riders(riderIds: readonly string[]): Promise<RiderAtPosition[]> {
    if (riderIds.length === 0) return [];
    const riders = await this.tx.query<RiderRow>(
      'SELECT id, name, lat, lng FROM riders WHERE id = ANY($1::text[]) ORDER BY id',
      [riderIds],
    );
    return riders.map(toRiderAtPosition);
  }

  async reserveRiders(pairs: readonly RiderForOrder[]): Promise<Set<string>> {
    if (pairs.length === 0) return new Set();
    // The status is checked on the locked row: a rider taken meanwhile is not taken twice.
    const rows = await this.tx.query<{ id: string }>(
      `UPDATE riders SET status = 'busy', current_order_id = p.order_id
         FROM ${PAIRS}
        WHERE riders.id = p.rider_id AND riders.status = 'available'
       RETURNING riders.id`,
      [pairsJson(pairs)],
    );
    return new Set(rows.map((row) => row.id));
  }

  async handOver(pairs: readonly RiderForOrder[]): Promise<void> {
    if (pairs.length === 0) return;
    await this.tx.query(
      `UPDATE riders SET status = 'busy', current_order_id = p.order_id
         FROM ${PAIRS} WHERE riders.id = p.rider_id`,
      [pairsJson(pairs)],
    );
  }

  async releaseRiders(riderIds: readonly string[]): Promise<void> {
    if (riderIds.length === 0) return;
    await this.tx.query(
      `UPDATE riders SET status = 'available', current_order_id = NULL WHERE id = ANY($1::text[])`,
      [riderIds],
    );
  }

  async lockWaitingLine(move: WaitingLineMove): Promise<void> {
    await this.tx.query(LOCK_WAITING_LINE[move]);
  }

  async lockAssignments(orderIds: readonly string[]): Promise<AssignmentState[]> {
    if (orderIds.length === 0) return [];
    const rows = await this.tx.query<AssignmentRow>(
      `SELECT ${ASSIGNMENT_COLUMNS} FROM assignments WHERE order_id = ANY($1::uuid[])
        ORDER BY order_id FOR UPDATE`,
      [orderIds],
    );
    return rows.map(toState);
  }

  async lockOldestWaiting(limit: number): Promise<AssignmentState[]> {
    if (limit <= 0) return [];
    // SKIP LOCKED: an order being cancelled right now is passed over, not waited for.
    const rows = await this.tx.query<AssignmentRow>(
      `SELECT ${ASSIGNMENT_COLUMNS} FROM assignments WHERE status = 'waiting'
        ORDER BY requested_at, order_id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
    return rows.map(toState);
  }

  async markAssigned(pairs: readonly RiderForOrder[], at: Date): Promise<void> {
    if (pairs.length === 0) return;
    await this.tx.query(
      `UPDATE assignments SET status = 'assigned', rider_id = p.rider_id,
                              distance_km = p.distance_km, assigned_at = $2
         FROM ${PAIRS} WHERE assignments.order_id = p.order_id`,
      [pairsJson(pairs), at],
    );
  }

  async markDelivered(orderIds: readonly string[], at: Date): Promise<void> {
    if (orderIds.length === 0) return;
    await this.tx.query(
      `UPDATE assignments SET status = 'delivered', delivered_at = $2
        WHERE order_id = ANY($1::uuid[])`,
      [orderIds, at],
    );
  }

  async markCancelled(orderId: string, at: Date): Promise<void> {
    await this.tx.query(
      `UPDATE assignments SET status = 'cancelled', cancelled_at = $2 WHERE order_id = $1::uuid`,
      [orderId, at],
    );
  }

  async rememberCancellation(orderId: string, correlationId: string, at: Date) {
    const inserted = await this.tx.execute(
      `INSERT INTO assignments (order_id, correlation_id, status, cancelled_at)
       VALUES ($1::uuid, $2::uuid, 'cancelled', $3)
       ON CONFLICT DO NOTHING`,
      [orderId, correlationId, at],
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
