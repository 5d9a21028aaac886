import { createPgPool, SERVICE_SCHEMAS, type ServiceName } from '@dinner-rush/database';
import type { Pool } from 'pg';
import { TABLE_GROWTH, type TableGrowth } from './table-growth';

/** One table's size at one moment. */
export interface TableCount {
  service: ServiceName;
  table: string;
  kind: TableGrowth['kind'];
  rows: number;
  /** Retained tables: rows younger than the retention window (what the window should hold). */
  recent: number | null;
}

/**
 * Counts the rows of every table of every service, in one scratch database
 * whose schemas are the services' own. Refuses a table TABLE_GROWTH does not
 * classify. Exact counts: the tables it watches are meant to be small.
 */
export class TableCensus {
  private constructor(private readonly pool: Pool) {}

  /** `adminUrl`: the scratch database (any schema; tables are named with theirs). */
  static open(adminUrl: string): TableCensus {
    return new TableCensus(createPgPool(adminUrl, 2));
  }

  async take(windowMs: number): Promise<TableCount[]> {
    const counts: TableCount[] = [];
    for (const [service, schema] of Object.entries(SERVICE_SCHEMAS) as [ServiceName, string][]) {
      const classified = TABLE_GROWTH[service];
      for (const table of await this.tablesOf(schema)) {
        const growth = classified[table];
        if (!growth)
          throw new Error(
            `${service}.${table} is not classified in bench/retention/table-growth.ts: say how it stays small`,
          );
        counts.push({
          service,
          table,
          kind: growth.kind,
          ...(await this.count(schema, table, growth, windowMs)),
        });
      }
    }
    return counts;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async tablesOf(schema: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables
        WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY table_name`,
      [schema],
    );
    return rows.map((r) => r.table_name);
  }

  private async count(
    schema: string,
    table: string,
    growth: TableGrowth,
    windowMs: number,
  ): Promise<{ rows: number; recent: number | null }> {
    const name = `"${schema}"."${table}"`;
    if (growth.kind !== 'retained') {
      const { rows } = await this.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${name}`);
      return { rows: Number(rows[0]?.n ?? 0), recent: null };
    }
    const { rows } = await this.pool.query<{ n: string; recent: string }>(
      `SELECT count(*) AS n,
              count(*) FILTER (WHERE "${growth.column}" >= now() - make_interval(secs => $1::double precision / 1000)) AS recent
         FROM ${name}`,
      [windowMs],
    );
    return { rows: Number(rows[0]?.n ?? 0), recent: Number(rows[0]?.recent ?? 0) };
  }
}
