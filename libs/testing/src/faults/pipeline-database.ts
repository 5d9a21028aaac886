import { Pool } from 'pg';

/**
 * The services' shared database, read straight (not through a service): how
 * far each outbox is behind (the age of its oldest unsent row, 0 when all is
 * sent; a relay that keeps up holds it near zero) and state assertions.
 */
export class PipelineDatabase {
  private readonly pool: Pool;

  constructor(
    databaseUrl: string,
    private readonly schemas: readonly string[],
  ) {
    this.pool = new Pool({ connectionString: databaseUrl, max: 1, connectionTimeoutMillis: 2_000 });
    this.pool.on('error', () => undefined); // a stopped cluster kills idle clients; the next query reconnects
  }

  /** The largest lag over all schemas, in milliseconds. */
  async maxLagMs(): Promise<number> {
    const union = this.schemas
      .map(
        (schema) =>
          `SELECT coalesce(extract(epoch FROM now() - min(created_at)) * 1000, 0) AS lag FROM "${schema}".outbox`,
      )
      .join(' UNION ALL ');
    const { rows } = await this.pool.query<{ lag: string }>(
      `SELECT max(lag) AS lag FROM (${union}) l`,
    );
    return Number(rows[0]?.lag ?? 0);
  }

  /** Messages each schema's inbox took after `at` (what its consumers applied since). */
  async appliedSince(at: Date): Promise<Record<string, number>> {
    const union = this.schemas
      .map(
        (schema) =>
          `SELECT '${schema}' AS schema, count(*) AS n FROM "${schema}".inbox WHERE processed_at > $1`,
      )
      .join(' UNION ALL ');
    const { rows } = await this.pool.query<{ schema: string; n: string }>(union, [at]);
    return Object.fromEntries(rows.map((row) => [row.schema, Number(row.n)]));
  }

  /** Unsent rows in one schema's outbox. */
  async pending(schema: string): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM "${schema}".outbox`,
    );
    return Number(rows[0]?.n ?? 0);
  }

  /** One query on the services' database (state assertions, e.g. nothing partial written). */
  async query<T extends Record<string, unknown>>(
    sql: string,
    values: unknown[] = [],
  ): Promise<T[]> {
    return (await this.pool.query<T>(sql, values)).rows;
  }

  async close(): Promise<void> {
    await this.pool.end().catch(() => undefined);
  }
}
