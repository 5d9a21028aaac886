import { Injectable } from '@nestjs/common';
import { PrismaService, type PrismaTx } from '../database/prisma.service';
import type { KnownOrder } from './customer-notification';

/** The customer_orders table: which customer each order belongs to. */
@Injectable()
export class CustomerOrdersRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Keeps the first copy; a republished order.created changes nothing. */
  async remember(tx: PrismaTx, order: KnownOrder & { orderId: string }): Promise<void> {
    await tx.customerOrder.createMany({ data: [order], skipDuplicates: true });
  }

  async find(orderId: string): Promise<KnownOrder | null> {
    return this.prisma.customerOrder.findUnique({
      where: { orderId },
      select: { customerId: true, merchantName: true },
    });
  }
}
