import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';
import { toOrderView, type OrderView } from './order-view';

/** The newest orders, newest first, each as GET /orders/:id shows it. */
@Injectable()
export class RecentOrdersQuery {
  constructor(private readonly prisma: PrismaService) {}

  async newest(limit: number): Promise<OrderView[]> {
    const orders = await this.prisma.order.findMany({
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit,
      include: {
        lines: { orderBy: { lineNo: 'asc' } },
        timeline: { orderBy: [{ at: 'asc' }, { recordedAt: 'asc' }] },
      },
    });
    return orders.map(toOrderView);
  }
}
