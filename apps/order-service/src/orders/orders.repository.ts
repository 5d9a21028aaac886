import { Injectable } from '@nestjs/common';
import type { OutgoingMessage } from '@dinner-rush/messaging';
import type { Pool } from 'pg';
import type { Prisma } from '../generated/prisma/client';
import { PrismaService, type PrismaTx } from '../database/prisma.service';
import type { IdempotencyRecord } from './idempotency';
import type { OrderRecord } from './order-view';
import { PLACE_ORDER_SQL, placeOrderValues } from './place-order.sql';
import { RECORD_STATUS_EVENT_SQL } from './record-status-event.sql';

export interface TimelineEntryInput {
  messageId: string;
  orderId: string;
  type: string;
  at: Date;
  details: Record<string, unknown>;
}

/** Orders, their lines, their timeline and idempotency keys: every orders-schema write and read. */
@Injectable()
export class OrdersRepository {
  /**
   * Plain pg for the intake hot path: placing an order is one statement, so it
   * needs neither an interactive transaction nor Prisma's query compiler.
   */
  private readonly pool: Pool;

  constructor(private readonly prisma: PrismaService) {
    this.pool = prisma.pool;
  }

  /**
   * The idempotency key (if any), the order, its lines and its outbox message
   * in ONE statement, hence one atomic commit and one round trip. A key that
   * another request holds makes it wait for that request, then fail with a
   * unique violation (see isDuplicateIdempotencyKey).
   */
  async placeOrder(
    order: OrderRecord,
    created: OutgoingMessage,
    idempotency?: IdempotencyRecord,
  ): Promise<void> {
    await this.pool.query({
      name: 'place-order',
      text: PLACE_ORDER_SQL,
      values: placeOrderValues(order, created, idempotency),
    });
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

  async findStatus(tx: PrismaTx, id: string): Promise<OrderRecord['status'] | undefined> {
    const row = await tx.order.findUnique({ where: { id }, select: { status: true } });
    return row?.status;
  }

  /** placed → cancelled, atomically; returns the order only if this call cancelled it. */
  async cancelIfPlaced(
    tx: PrismaTx,
    id: string,
    reason: string | null,
    at: Date,
  ): Promise<{ customerId: string; merchantId: string } | undefined> {
    const [row] = await tx.order.updateManyAndReturn({
      where: { id, status: 'placed' },
      data: { status: 'cancelled', cancelledAt: at, cancelReason: reason },
      select: { customerId: true, merchantId: true },
    });
    return row;
  }

  /**
   * A status event applied exactly once in ONE statement (one round trip, one
   * atomic commit): the inbox row, the timeline entry and, for a delivery, the
   * placed → delivered change. For an unknown order nothing is written (not
   * even the inbox row), so the message can be dead-lettered and replayed.
   */
  async recordStatusEvent(
    entry: TimelineEntryInput,
    delivered: boolean,
  ): Promise<'applied' | 'duplicate' | 'unknown-order'> {
    // Deliberately not a named (prepared) statement: after five runs PostgreSQL may switch
    // to a generic plan in which the delivery UPDATE's EXISTS over the inbox CTE did not see
    // the row inserted by that same statement (seen here: timeline entry written, status not).
    const { rows } = await this.pool.query<{ order_exists: boolean; applied: boolean }>({
      text: RECORD_STATUS_EVENT_SQL,
      values: [
        entry.messageId,
        entry.orderId,
        entry.type,
        entry.at,
        JSON.stringify(entry.details),
        delivered,
      ],
    });
    const outcome = rows[0];
    if (!outcome?.order_exists) return 'unknown-order';
    return outcome.applied ? 'applied' : 'duplicate';
  }

  async addTimelineEntry(tx: PrismaTx, entry: TimelineEntryInput): Promise<void> {
    await tx.timelineEntry.create({
      data: { ...entry, details: entry.details as Prisma.InputJsonObject },
      select: { messageId: true },
    });
  }
}
