import type { Pool } from 'pg';

/**
 * A claimed row, ready to publish as-is: the envelope stays the JSON text the
 * database holds (no parse and re-serialise per message), and the AMQP
 * properties come from its fields.
 */
export interface ClaimedMessage {
  id: string;
  exchange: string;
  routingKey: string;
  content: Buffer;
  messageId: string;
  correlationId: string;
  type: string;
  occurredAt: string;
}

/**
 * The outbox as a small state machine: pending → claimed (a lease, not an open
 * transaction) → sent. Claims use FOR UPDATE SKIP LOCKED so concurrent relays
 * never take the same row, and skip any row whose aggregate still has an
 * earlier unsent row, so one order's messages are published in order even with
 * several relays. A relay that dies leaves a lease that simply expires.
 */
export class OutboxStore {
  constructor(
    private readonly pool: Pool,
    private readonly leaseMs: number,
  ) {}

  async claim(limit: number): Promise<ClaimedMessage[]> {
    // ORDER BY sent_at, id is id order (sent_at is NULL in every candidate) spelled as the
    // (sent_at, id) index, so the planner walks only pending rows. Told "ORDER BY id" on
    // stale statistics (autovacuum off) it walked the primary key past every row ever
    // sent: 75 ms instead of 5 ms per claim with 12,000 sent rows.
    const { rows } = await this.pool.query<{
      id: string;
      exchange: string;
      routing_key: string;
      content: string;
      message_id: string;
      correlation_id: string;
      type: string;
      occurred_at: string;
    }>(
      `WITH next AS (
         SELECT o.id FROM outbox o
          WHERE o.sent_at IS NULL
            AND (o.claimed_until IS NULL OR o.claimed_until < now())
            AND NOT EXISTS (SELECT 1 FROM outbox p
                             WHERE p.aggregate_id = o.aggregate_id AND p.id < o.id AND p.sent_at IS NULL)
          ORDER BY o.sent_at, o.id
          LIMIT $1
          FOR UPDATE SKIP LOCKED)
       UPDATE outbox SET claimed_until = now() + make_interval(secs => $2::double precision / 1000),
                         attempts = attempts + 1
         FROM next WHERE outbox.id = next.id
       RETURNING outbox.id, outbox.exchange, outbox.routing_key, outbox.payload::text AS content,
                 outbox.message_id, outbox.payload->>'correlationId' AS correlation_id,
                 outbox.payload->>'type' AS type, outbox.payload->>'occurredAt' AS occurred_at`,
      [limit, this.leaseMs],
    );
    return rows
      .map((row) => ({
        id: row.id,
        exchange: row.exchange,
        routingKey: row.routing_key,
        content: Buffer.from(row.content),
        messageId: row.message_id,
        correlationId: row.correlation_id,
        type: row.type,
        occurredAt: row.occurred_at,
      }))
      .sort((a, b) => Number(BigInt(a.id) - BigInt(b.id)));
  }

  /** Called only after the broker confirmed every id. */
  async markSent(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.pool.query(
      'UPDATE outbox SET sent_at = now(), claimed_until = NULL WHERE id = ANY($1::bigint[])',
      [ids],
    );
  }

  /** Gives rows back at once (publish failed) instead of waiting for the lease to run out. */
  async release(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.pool.query('UPDATE outbox SET claimed_until = NULL WHERE id = ANY($1::bigint[])', [
      ids,
    ]);
  }
}
