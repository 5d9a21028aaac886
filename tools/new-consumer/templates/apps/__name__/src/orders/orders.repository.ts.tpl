import { Injectable } from '@nestjs/common';
import type { PgTx } from '@dinner-rush/messaging';
import type { Pool } from 'pg';
import { PrismaService } from '../database/prisma.service';
import type { OrderRecord } from './order-record';

/**
 * The order_records table: the consumer writes a batch per statement on its
 * pg transaction; the read API uses Prisma.
 */
@Injectable()
export class OrdersRepository {
  readonly pool: Pool;

  constructor(private readonly prisma: PrismaService) {
    this.pool = prisma.pool;
  }

  async insertAll(tx: PgTx, records: readonly OrderRecord[]): Promise<void> {
    if (records.length === 0) return;
    await tx.query(
      `INSERT INTO order_records (message_id, order_id, type, occurred_at)
       SELECT message_id, order_id, type, occurred_at
         FROM jsonb_to_recordset($1::jsonb)
           AS (message_id uuid, order_id uuid, type text, occurred_at timestamptz)
       ON CONFLICT DO NOTHING`,
      [
        JSON.stringify(
          records.map((r) => ({
            message_id: r.messageId,
            order_id: r.orderId,
            type: r.type,
            occurred_at: r.occurredAt.toISOString(),
          })),
        ),
      ],
    );
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
