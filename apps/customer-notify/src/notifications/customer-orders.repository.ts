import { Injectable } from '@nestjs/common';
import type { PgTx } from '@dinner-rush/messaging';
import { PrismaService } from '../database/prisma.service';
import type { KnownOrder } from './customer-notification';

/** The customer_orders table: which customer each order belongs to. */
@Injectable()
export class CustomerOrdersRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The customer of an order this service has heard of; undefined for any other. */
  async customerOf(orderId: string): Promise<string | undefined> {
    const order = await this.prisma.customerOrder.findUnique({
      where: { orderId },
      select: { customerId: true },
    });
    return order?.customerId;
  }

  /** Keeps the first copy of each; a republished order.created changes nothing. */
  async rememberAll(
    tx: PgTx,
    orders: readonly (KnownOrder & { orderId: string })[],
  ): Promise<void> {
    if (orders.length === 0) return;
    await tx.query(
      `INSERT INTO customer_orders (order_id, customer_id, merchant_name)
       SELECT order_id, customer_id, merchant_name
         FROM jsonb_to_recordset($1::jsonb)
           AS (order_id uuid, customer_id text, merchant_name text)
        ORDER BY order_id
       ON CONFLICT (order_id) DO NOTHING`,
      [
        JSON.stringify(
          orders.map((o) => ({
            order_id: o.orderId,
            customer_id: o.customerId,
            merchant_name: o.merchantName,
          })),
        ),
      ],
    );
  }
}
