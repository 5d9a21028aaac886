import type { Pool, PoolClient, QueryResultRow } from 'pg';
import type { RawSqlClient } from './raw-sql-client';

/**
 * One pg connection inside BEGIN … COMMIT. It is a RawSqlClient (so the inbox
 * and the outbox writer accept it) and a plain query interface for hot-path
 * repositories: no query compiler between the code and the wire.
 */
export class PgTx implements RawSqlClient {
  constructor(private readonly client: PoolClient) {}

  async $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number> {
    const result = await this.client.query(query, values);
    return result.rowCount ?? 0;
  }

  async query<Row extends QueryResultRow>(text: string, values: unknown[] = []): Promise<Row[]> {
    const result = await this.client.query<Row>(text, values);
    return result.rows;
  }
}

/** Runs `work` in one transaction on a pooled connection: commit on success, rollback on error. */
export async function inPgTransaction<T>(pool: Pool, work: (tx: PgTx) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  // A connection that dies between two statements (PostgreSQL restarting) emits 'error' on the
  // checked-out client, which crashes the process without a listener; the next statement fails
  // instead and the rollback path below handles it.
  const ignoreConnectionError = () => undefined;
  client.on('error', ignoreConnectionError);
  try {
    await client.query('BEGIN');
    const result = await work(new PgTx(client));
    await client.query('COMMIT');
    client.release();
    return result;
  } catch (error) {
    // A connection whose rollback failed is broken: destroy it instead of pooling it.
    const rollback = await client.query('ROLLBACK').then(
      () => undefined,
      (rollbackError: unknown) => rollbackError,
    );
    client.release(rollback instanceof Error ? rollback : undefined);
    throw error;
  } finally {
    client.off('error', ignoreConnectionError);
  }
}
