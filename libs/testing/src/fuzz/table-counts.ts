import type { Pool } from 'pg';
import { waitFor } from '../wait-for';

/**
 * Row counts of every table in the service's schema (its migrations' own
 * bookkeeping aside), to show that a refused request wrote nothing: equal
 * before and after. Listed from the catalogue, so a table added later is
 * covered without touching the fuzz.
 */
export async function tableCounts(sql: Pool): Promise<Record<string, number>> {
  const { rows: tables } = await sql.query<{ name: string }>(
    `SELECT quote_ident(table_name) AS name FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
        AND table_name <> '_prisma_migrations'
      ORDER BY table_name`,
  );
  if (tables.length === 0) throw new Error('the service schema has no tables: wrong search_path?');
  const { rows } = await sql.query<Record<string, string>>(
    `SELECT ${tables.map(({ name }, i) => `(SELECT count(*) FROM ${name}) AS t${i}`).join(', ')}`,
  );
  return Object.fromEntries(tables.map(({ name }, i) => [name, Number(rows[0]?.[`t${i}`])]));
}

/**
 * Resolves once the service's tables hold still (two readings `intervalMs`
 * apart agree and, unless `outboxDrained` is false, its outbox is empty), so
 * what an event arranged before a check is not mistaken for a write by a
 * refused request. `outboxDrained: false` where nothing consumes what the
 * service publishes, so its outbox keeps what the broker returned.
 */
export async function untilTablesSettle(
  sql: Pool,
  { outboxDrained = true, intervalMs = 300 }: { outboxDrained?: boolean; intervalMs?: number } = {},
): Promise<void> {
  let last = '';
  await waitFor(
    async () => {
      const counts = await tableCounts(sql);
      const reading = JSON.stringify(counts);
      const settled = reading === last && (!outboxDrained || !counts.outbox);
      last = reading;
      return settled ? true : undefined;
    },
    {
      what: `the service tables to settle${outboxDrained ? ' (outbox drained)' : ''}`,
      intervalMs,
    },
  );
}
