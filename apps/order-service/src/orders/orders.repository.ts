import { Injectable } from '@nestjs/common';
import type { Prisma } from '../generated/prisma/client';
import { PrismaService, type PrismaTx } from '../database/prisma.service';
import type { OrderRecord } from './order-view';

export interface IdempotencyRecord {
  key: string;
  requestHash: string;
  orderId: string;
  statusCode: number;
  responseBody: unknown;
}

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
  constructor(private readonly prisma: PrismaService) {}

  /** The order row, then its lines: two plain inserts (a nested create would read the order back). */
  async insertOrder(tx: PrismaTx, order: OrderRecord): Promise<void> {
    const { lines, timeline: _timeline, ...row } = order;
    await tx.order.create({ data: row, select: { id: true } });
    await tx.orderLine.createMany({ data: lines });
  }

  async insertIdempotencyKey(tx: PrismaTx, record: IdempotencyRecord): Promise<void> {
    await tx.idempotencyKey.create({
      data: { ...record, responseBody: record.responseBody as Prisma.InputJsonValue },
      select: { key: true },
    });
  }

  async findIdempotencyKey(key: string): Promise<IdempotencyRecord | null> {
    return this.prisma.idempotencyKey.findUnique({ where: { key } });
  }

  async findOrder(id: string): Promise<OrderRecord | null> {
    return this.prisma.order.findUnique({
      where: { id },
      include: {
        lines: { orderBy: { lineNo: 'asc' } },
        timeline: { orderBy: [{ at: 'asc' }, { recordedAt: 'asc' }] },
      },
    });
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

  /** placed → delivered; a cancelled order stays cancelled. */
  async markDeliveredIfPlaced(tx: PrismaTx, id: string, at: Date): Promise<void> {
    await tx.order.updateMany({
      where: { id, status: 'placed' },
      data: { status: 'delivered', deliveredAt: at },
    });
  }

  async addTimelineEntry(tx: PrismaTx, entry: TimelineEntryInput): Promise<void> {
    await tx.timelineEntry.create({
      data: { ...entry, details: entry.details as Prisma.InputJsonObject },
      select: { messageId: true },
    });
  }
}
