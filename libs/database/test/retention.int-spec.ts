import { createPgPool, RetentionSweeper } from '@dinner-rush/database';
import { createTestDatabase, type TestDatabase } from '@dinner-rush/testing';
import type { Pool } from 'pg';

/** Retention on a real PostgreSQL: old rows go in batches, recent ones stay, the table is vacuumed. */
describe('RetentionSweeper (real PostgreSQL)', () => {
  let db: TestDatabase;
  let pool: Pool;

  beforeAll(async () => {
    db = await createTestDatabase('retention');
    pool = createPgPool(db.urlFor('retention_test'), 2);
    await pool.query('CREATE SCHEMA IF NOT EXISTS retention_test');
    await pool.query(
      `CREATE TABLE kept (id bigserial PRIMARY KEY, created_at timestamptz NOT NULL);
       CREATE INDEX kept_created_at ON kept USING BRIN (created_at)`,
    );
  });

  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  it('deletes every row past the retention, several batches of them, and keeps the rest', async () => {
    await pool.query(
      `INSERT INTO kept (created_at) SELECT now() - interval '2 days' FROM generate_series(1, 12000)`,
    );
    await pool.query(`INSERT INTO kept (created_at) SELECT now() FROM generate_series(1, 10)`);
    const sweeper = new RetentionSweeper(pool, [
      { table: 'kept', column: 'created_at', keepMs: 24 * 3_600_000 },
    ]);

    expect(await sweeper.sweep()).toEqual({ kept: 12_000 });
    const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM kept');
    expect(rows[0]?.n).toBe('10');
    // VACUUM ran: the dead rows are gone from the statistics, not merely invisible.
    const stats = await pool.query<{ n_dead_tup: string }>(
      `SELECT n_dead_tup FROM pg_stat_user_tables WHERE relname = 'kept'`,
    );
    expect(Number(stats.rows[0]?.n_dead_tup ?? 0)).toBeLessThan(12_000);
    expect(await sweeper.sweep()).toEqual({ kept: 0 });
  });
});
