import type { Pool } from 'pg';

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
