import { Injectable } from '@nestjs/common';
import { PrismaService, type PrismaTx } from '../database/prisma.service';
import type { OrderRecord } from './order-record';

/** The order_records table. */
@Injectable()
export class OrdersRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** One database transaction, in the shape applyExactlyOnce expects. */
  readonly transaction = (work: (tx: PrismaTx) => Promise<void>): Promise<void> =>
    this.prisma.$transaction(work);

  async insert(tx: PrismaTx, record: OrderRecord): Promise<void> {
    await tx.orderRecord.createMany({ data: [record], skipDuplicates: true });
  }

  /** Oldest first. */
  async findForOrder(orderId: string): Promise<OrderRecord[]> {
    return this.prisma.orderRecord.findMany({
      where: { orderId },
      orderBy: [{ occurredAt: 'asc' }, { recordedAt: 'asc' }],
      select: { messageId: true, orderId: true, type: true, occurredAt: true },
    });
  }
}
