import { Client } from 'pg';

/**
 * How long a backend may sit on counts it has not reported. PostgreSQL 15
 * flushes a backend's statistics at most once a second; when one that was just
 * busy goes idle with counts pending, it flushes them only after
 * PGSTAT_IDLE_INTERVAL (10 s). Measured here: after a burst of orders,
 * xact_commit kept rising at 3-4 times the idle rate for 10-12 s, then fell
 * back to it, so a read 1.5 s after the load missed about 5 % of its commits.
 */
export const STATS_IDLE_FLUSH_MS = 11_000;

/** Commits so far in one database, and in each other database of the same server. */
export interface CommitCounts {
  database: number;
  /** The server is shared: commits elsewhere during a window say its CPU figure is not all ours. */
  elsewhere: Record<string, number>;
}

/**
 * Transactions committed so far (pg_stat_database.xact_commit, read-only ones
 * included) in database `name` and elsewhere on the server, read through
 * `adminUrl` (another database, so the read is not counted as ours). The
 * statistics snapshot is cleared first so the figures are the shared memory's
 * current ones, not ones cached earlier in the session.
 */
export async function committedTransactions(adminUrl: string, name: string): Promise<CommitCounts> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_stat_clear_snapshot()');
    const { rows } = await client.query<{ datname: string; commits: string }>(
      'SELECT datname, xact_commit AS commits FROM pg_stat_database WHERE datname IS NOT NULL',
    );
    const all = Object.fromEntries(rows.map((row) => [row.datname, Number(row.commits)]));
    const { [name]: database = 0, ...elsewhere } = all;
    return { database, elsewhere };
  } finally {
    await client.end();
  }
}

/**
 * Commits in the other databases between two readings. Databases come and go
 * (tests create and drop them): a new one counts from zero, a dropped one's
 * commits are gone with it.
 */
export function commitsElsewhere(before: CommitCounts, after: CommitCounts): number {
  return Object.entries(after.elsewhere).reduce(
    (sum, [datname, commits]) => sum + Math.max(0, commits - (before.elsewhere[datname] ?? 0)),
    0,
  );
}
