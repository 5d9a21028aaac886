import { Exchanges, OrderCreatedV1, type Envelope } from '@dinner-rush/contracts';
import type { Pool } from 'pg';

/**
 * Pre-fills the outbox with `count` free rows in one statement (as writers
 * that died before publishing leave them once their lease ran out): the
 * sample envelope with a fresh messageId each, one aggregate per row (as one
 * order each), routed like order.created.v1.
 */
export async function fillOutbox(pool: Pool, sample: Envelope, count: number): Promise<void> {
  await pool.query(
    `INSERT INTO outbox (message_id, aggregate_id, exchange, routing_key, payload)
     SELECT id, id::text, $2, $3, jsonb_set($4::jsonb, '{messageId}', to_jsonb(id::text))
       FROM (SELECT gen_random_uuid() AS id FROM generate_series(1, $1::int)) fresh`,
    [count, Exchanges.orders, OrderCreatedV1.type, JSON.stringify(sample)],
  );
}

/** Rows left in the outbox, polled until none is; returns the milliseconds it took from `since`. */
export async function untilOutboxEmpty(
  pool: Pool,
  since: number,
  timeoutMs: number,
): Promise<number> {
  const deadline = since + timeoutMs;
  for (;;) {
    const { rows } = await pool.query<{ pending: string }>(
      'SELECT count(*) AS pending FROM outbox',
    );
    if (rows[0]?.pending === '0') return performance.now() - since;
    if (performance.now() > deadline)
      throw new Error(`outbox still has ${rows[0]?.pending} pending rows`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
