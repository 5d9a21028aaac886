import { Injectable } from '@nestjs/common';
import {
  committedEntries,
  outboxCommitted,
  preparedStatement,
  type PgTx,
} from '@dinner-rush/messaging';
import type { Pool } from 'pg';
import { PrismaService } from '../database/prisma.service';
import { RECORD_STATUS_EVENTS_SQL } from '../tracking/record-status-events.sql';
import type { IdempotencyRecord } from './idempotency';
import type { OrderRecord } from './order-view';
import { ordersJson, PLACE_ORDERS_SQL, type OrderToPlace } from './place-order.sql';

export interface TimelineEntryInput {
  messageId: string;
  orderId: string;
  type: string;
  at: Date;
  details: Record<string, unknown>;
}

/** An order's owner, merchant and status, as cancel reads them under the row's lock. */
export interface LockedOrder {
  customerId: string;
  merchantId: string;
  status: OrderRecord['status'];
}

/**
 * Orders, their lines, their timeline and idempotency keys: every orders-schema
 * write and read. Writes are plain pg (intake is one statement, tracking one
 * per batch); reads use Prisma.
 */
@Injectable()
export class OrdersRepository {
  readonly pool: Pool;

  constructor(private readonly prisma: PrismaService) {
    this.pool = prisma.pool;
  }

  /**
   * A group of orders with their lines, idempotency keys and outbox messages in
   * ONE statement (one round trip, one commit); their outbox rows go to the
   * relay right after. Answers the ids of the orders placed: an order whose
   * key was taken is not (see PLACE_ORDERS_SQL).
   */
  async placeOrders(orders: readonly OrderToPlace[]): Promise<Set<string>> {
    const { rows } = await this.pool.query<{ id: string; message_id: string; routing_key: string }>(
      preparedStatement(PLACE_ORDERS_SQL, [ordersJson(orders)]),
    );
    const written = new Set(rows.map((row) => row.message_id));
    const placed = orders.filter(({ order }) => written.has(order.createdEventId.toLowerCase()));
    outboxCommitted(
      this.pool,
      committedEntries(
        placed.flatMap(({ created }) => created),
        rows.map((row) => ({ ...row, claimed: true })),
      ),
    );
    return new Set(placed.map(({ order }) => order.id));
  }

  async findIdempotencyKey(key: string): Promise<IdempotencyRecord | null> {
    return this.prisma.idempotencyKey.findUnique({ where: { key } });
  }

  /**
   * The order with its lines and timeline as of one moment: Prisma reads the
   * relations with separate queries, so without one snapshot a status event
   * committed in between could show in the timeline but not yet in the status.
   */
  async findOrder(id: string): Promise<OrderRecord | null> {
    // Interactive, not the one-element batch form: Prisma runs a batch of one as a
    // single request outside any transaction, and a status event committing between
    // the order and timeline queries showed its entry beside the old status (CI flake).
    return this.prisma.$transaction(
      (tx) =>
        tx.order.findUnique({
          where: { id },
          include: {
            lines: { orderBy: { lineNo: 'asc' } },
            timeline: { orderBy: [{ at: 'asc' }, { recordedAt: 'asc' }] },
          },
        }),
      { isolationLevel: 'RepeatableRead' },
    );
  }

  /**
   * Whose the order is and where it stands, its row locked until the
   * transaction ends: cancel decides on these, and a status event or a second
   * cancel waits for that decision.
   */
  async lockOrder(tx: PgTx, id: string): Promise<LockedOrder | undefined> {
    const [row] = await tx.query<{
      customer_id: string;
      merchant_id: string;
      status: OrderRecord['status'];
    }>('SELECT customer_id, merchant_id, status FROM orders WHERE id = $1::uuid FOR UPDATE', [id]);
    return row && { customerId: row.customer_id, merchantId: row.merchant_id, status: row.status };
  }

  /** placed → cancelled; the caller holds the row's lock (lockOrder) and has checked it is placed. */
  async markCancelled(tx: PgTx, id: string, reason: string | null, at: Date): Promise<void> {
    await tx.query(
      `UPDATE orders SET status = 'cancelled', cancelled_at = $3, cancel_reason = $2
        WHERE id = $1::uuid`,
      [id, reason, at],
    );
  }

  async addTimelineEntry(tx: PgTx, entry: TimelineEntryInput): Promise<void> {
    await tx.query(
      `INSERT INTO order_timeline (message_id, order_id, type, at, details)
       VALUES ($1::uuid, $2::uuid, $3, $4, $5::jsonb)`,
      [entry.messageId, entry.orderId, entry.type, entry.at, JSON.stringify(entry.details)],
    );
  }

  /**
   * Status events as timeline entries, one statement for the batch (see
   * RECORD_STATUS_EVENTS_SQL); answers the ids (lower case) of the orders that exist.
   */
  async recordStatusEvents(
    tx: PgTx,
    entries: readonly (TimelineEntryInput & { delivered: boolean })[],
  ): Promise<Set<string>> {
    if (entries.length === 0) return new Set();
    const rows = await tx.query<{ order_id: string }>(RECORD_STATUS_EVENTS_SQL, [
      JSON.stringify(
        entries.map((entry) => ({
          message_id: entry.messageId,
          order_id: entry.orderId,
          type: entry.type,
          at: entry.at.toISOString(),
          details: entry.details,
          delivered: entry.delivered,
        })),
      ),
    ]);
    return new Set(rows.map((row) => row.order_id));
  }
}
