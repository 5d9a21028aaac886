import { bearerHeader } from '@dinner-rush/auth';
import { Pool } from 'undici';
import type { PlannedOrder } from '../orders/order-mix';

export interface SendOutcome {
  outcome: number | string;
  order?: { id: string; totalCents: number };
}

/**
 * POST /orders through one undici connection pool. Requests beyond the pool's
 * connections queue inside undici: the open-loop driver times from the due
 * moment, so that queueing counts as latency instead of slowing arrivals.
 */
export class OrderSender {
  private readonly pool: Pool;

  /** `tokenFor`: the customer's access token (customerId must be the token's sub). */
  constructor(
    orderServiceUrl: string,
    connections: number,
    private readonly tokenFor: (customerId: string) => Promise<string>,
  ) {
    this.pool = new Pool(new URL(orderServiceUrl).origin, {
      connections,
      pipelining: 1,
      headersTimeout: 30_000,
      bodyTimeout: 30_000,
    });
  }

  async send(planned: PlannedOrder): Promise<SendOutcome> {
    try {
      const token = await this.tokenFor(planned.body.customerId);
      const { statusCode, body } = await this.pool.request({
        path: '/orders',
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...bearerHeader(token),
          ...(planned.idempotencyKey ? { 'idempotency-key': planned.idempotencyKey } : {}),
        },
        body: JSON.stringify(planned.body),
      });
      if (statusCode !== 201 && statusCode !== 200) {
        await body.dump();
        return { outcome: statusCode };
      }
      const order = (await body.json()) as { id: string; totalCents: number };
      return { outcome: statusCode, order: { id: order.id, totalCents: order.totalCents } };
    } catch (error) {
      const code = (error as { code?: string }).code ?? (error as Error).name;
      return { outcome: `error:${code}` };
    }
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
