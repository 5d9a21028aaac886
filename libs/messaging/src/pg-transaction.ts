import { fromOwnDatabase } from '@dinner-rush/database';
import type { Pool, PoolClient, QueryResultRow } from 'pg';
import { preparedStatement } from './prepared-statement';

/**
 * One pg connection inside BEGIN … COMMIT: the one way the hot paths write
 * (no query compiler between the code and the wire). Work that must happen
 * only once the transaction committed (publishing its outbox rows) is
 * registered with afterCommit.
 */
export class PgTx {
  private readonly committedHooks: (() => void)[] = [];

  constructor(
    private readonly client: PoolClient,
    /** The pool the connection came from: it names the database the rows went to. */
    readonly pool: Pool,
  ) {}

  async query<Row extends QueryResultRow>(text: string, values: unknown[] = []): Promise<Row[]> {
    const result = await this.client
      .query<Row>(preparedStatement(text, values))
      .catch(raisedByOurDatabase);
    return result.rows;
  }

  /** Runs a statement and answers how many rows it wrote. */
  async execute(text: string, values: unknown[] = []): Promise<number> {
    const result = await this.client
      .query(preparedStatement(text, values))
      .catch(raisedByOurDatabase);
    return result.rowCount ?? 0;
  }

  /** Runs `hook` right after COMMIT succeeds; never when the transaction rolls back. */
  afterCommit(hook: () => void): void {
    this.committedHooks.push(hook);
  }

  /** Called by inPgTransaction once COMMIT returned. */
  committed(): void {
    for (const hook of this.committedHooks) hook();
  }
}

/** Rethrows an error of the service's own database connection, marked as such (fromOwnDatabase). */
function raisedByOurDatabase(error: unknown): never {
  throw fromOwnDatabase(error);
}

/** Runs `work` in one transaction on a pooled connection: commit on success, rollback on error. */
export async function inPgTransaction<T>(pool: Pool, work: (tx: PgTx) => Promise<T>): Promise<T> {
  const client = await pool.connect().catch(raisedByOurDatabase);
  // A connection that dies between two statements (PostgreSQL restarting) emits 'error' on the
  // checked-out client, which crashes the process without a listener; the next statement fails
  // instead and the rollback path below handles it.
  const ignoreConnectionError = () => undefined;
  client.on('error', ignoreConnectionError);
  const tx = new PgTx(client, pool);
  let result: T;
  try {
    await client.query('BEGIN').catch(raisedByOurDatabase);
    result = await work(tx);
    await client.query('COMMIT').catch(raisedByOurDatabase);
  } catch (error) {
    // A connection whose rollback failed is broken: destroy it instead of pooling it.
    const rollback = await client.query('ROLLBACK').then(
      () => undefined,
      (rollbackError: unknown) => rollbackError,
    );
    client.off('error', ignoreConnectionError);
    client.release(rollback instanceof Error ? rollback : undefined);
    throw error;
  }
  client.off('error', ignoreConnectionError);
  client.release();
  tx.committed();
  return result;
}
