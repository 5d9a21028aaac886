import type { Pool } from 'pg';

/** Rows of `table` older than `keepMs` by `column` may go. */
export interface RetentionRule {
  table: string;
  column: string;
  keepMs: number;
}

/** Rows deleted per statement: no statement holds a table (or its WAL) for long. */
const BATCH = 5_000;
/** At most this many rows per table per sweep, so a long backlog is worked off over several. */
const MOST_PER_SWEEP = 200_000;

/**
 * Deletes what the service no longer needs (inbox rows past the replay window,
 * old idempotency keys, old notifications, …) a small batch at a time, then
 * VACUUMs each table it shrank: autovacuum may be off (it is on the reference
 * machine), and a table that is only ever appended to and deleted from would
 * otherwise keep every dead row. The tables name their columns with a BRIN
 * index, so finding the oldest rows costs almost nothing.
 */
export class RetentionSweeper {
  constructor(
    private readonly pool: Pool,
    private readonly rules: readonly RetentionRule[],
  ) {}

  /** One pass over every rule; answers the rows deleted per table. */
  async sweep(): Promise<Record<string, number>> {
    const deleted: Record<string, number> = {};
    for (const rule of this.rules) {
      let total = 0;
      for (let n = BATCH; n === BATCH && total < MOST_PER_SWEEP; total += n) {
        n = await this.deleteBatch(rule);
      }
      deleted[rule.table] = total;
      if (total > 0) await this.pool.query(`VACUUM ${rule.table}`);
    }
    return deleted;
  }

  private async deleteBatch({ table, column, keepMs }: RetentionRule): Promise<number> {
    const result = await this.pool.query(
      `DELETE FROM ${table} WHERE ctid = ANY (ARRAY(
         SELECT ctid FROM ${table}
          WHERE ${column} < now() - make_interval(secs => $1::double precision / 1000)
          LIMIT $2))`,
      [keepMs, BATCH],
    );
    return result.rowCount ?? 0;
  }
}
