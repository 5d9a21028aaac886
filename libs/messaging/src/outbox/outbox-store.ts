import type { Pool } from 'pg';
import { preparedStatement } from '../prepared-statement';
import type { TraceCarrier } from '../tracing/trace-context';
import { OUTBOX_LEASE_MS, type OutboxEntry } from './outbox-entry';

/** Where sent rows go when the service keeps an archive (order-service, for replays; its retention sweeps it). */
export interface OutboxArchive {
  table: string;
}

interface ClaimedRow {
  id: string;
  exchange: string;
  routing_key: string;
  content: string;
  message_id: string;
  correlation_id: string;
  type: string;
  occurred_at: string;
  trace_context: TraceCarrier | null;
}

/**
 * The outbox table as a small state machine: a row is inserted claimed by its
 * writer (or free, when an earlier row of its order is still there), published,
 * then deleted (moved to the archive where there is one). A table that only
 * holds what is in flight stays small, without relying on autovacuum.
 *
 * Claims (for rows a writer left behind: it died, its publish failed, or it left
 * them free) use FOR UPDATE SKIP LOCKED, so relays never take the same row, and
 * skip any row whose order still has an earlier row, so one order's messages
 * reach the broker in order even across replicas.
 */
export class OutboxStore {
  constructor(
    private readonly pool: Pool,
    private readonly archive?: OutboxArchive,
  ) {}

  async claim(limit: number): Promise<OutboxEntry[]> {
    const { rows } = await this.pool.query<ClaimedRow>(
      preparedStatement(
        `WITH next AS (
         SELECT o.id FROM outbox o
          WHERE (o.claimed_until IS NULL OR o.claimed_until < now())
            AND NOT EXISTS (SELECT 1 FROM outbox p
                             WHERE p.aggregate_id = o.aggregate_id AND p.id < o.id)
          ORDER BY o.id
          LIMIT $1
          FOR UPDATE SKIP LOCKED)
       UPDATE outbox SET claimed_until = now() + make_interval(secs => $2::double precision / 1000),
                         attempts = attempts + 1
         FROM next WHERE outbox.id = next.id
       RETURNING outbox.id::text, outbox.exchange, outbox.routing_key, outbox.payload::text AS content,
                 outbox.message_id::text, outbox.aggregate_id AS correlation_id,
                 outbox.payload->>'type' AS type, outbox.payload->>'occurredAt' AS occurred_at,
                 outbox.trace_context`,
        [limit, OUTBOX_LEASE_MS],
      ),
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
        traceContext: row.trace_context ?? undefined,
      }))
      .sort((a, b) => Number(BigInt(a.id) - BigInt(b.id)));
  }

  /** Called only once the broker confirmed every id: the rows leave the outbox (for the archive). */
  async removeSent(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    if (!this.archive) {
      await this.pool.query(
        preparedStatement('DELETE FROM outbox WHERE id = ANY($1::bigint[])', [ids]),
      );
      return;
    }
    await this.pool.query(
      preparedStatement(
        `WITH sent AS (DELETE FROM outbox WHERE id = ANY($1::bigint[])
                     RETURNING id, message_id, exchange, routing_key, payload, created_at)
       INSERT INTO ${this.archive.table} (id, message_id, exchange, routing_key, payload, created_at)
       SELECT id, message_id, exchange, routing_key, payload, created_at FROM sent
       ON CONFLICT (id) DO NOTHING`,
        [ids],
      ),
    );
  }

  /** Gives rows back at once (their publish failed) instead of waiting for the lease to run out. */
  async release(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.pool.query('UPDATE outbox SET claimed_until = NULL WHERE id = ANY($1::bigint[])', [
      ids,
    ]);
  }

  /**
   * Reclaims the space of deleted rows. Autovacuum may be off (it is on the
   * reference machine), and a queue table that is never vacuumed fills its
   * indexes with dead entries every claim has to step over.
   */
  async vacuum(): Promise<void> {
    await this.pool.query('VACUUM outbox');
  }
}
