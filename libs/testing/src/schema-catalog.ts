import { parseDatabaseUrl } from '@dinner-rush/database';
import { Client } from 'pg';

/**
 * What Prisma manages in a schema, as comparable lines: columns, indexes,
 * constraints and enums (migration bookkeeping excluded). Two databases built
 * different ways have the same catalog exactly when they have the same shape.
 */
export async function schemaCatalog(databaseUrl: string): Promise<string[]> {
  const { connectionString, schema } = parseDatabaseUrl(databaseUrl);
  const client = new Client({ connectionString });
  await client.connect();
  try {
    const { rows } = await client.query<{ line: string }>(
      `SELECT 'column ' || table_name || '.' || column_name || ' ' || udt_name
              || coalesce('(' || character_maximum_length || ')', '') || ' nullable=' || is_nullable
              || ' default=' || coalesce(column_default, '-') AS line
         FROM information_schema.columns
        WHERE table_schema = $1 AND table_name <> '_prisma_migrations'
       UNION ALL
       SELECT 'index ' || indexdef FROM pg_indexes
        WHERE schemaname = $1 AND tablename <> '_prisma_migrations'
       UNION ALL
       SELECT 'constraint ' || c.conrelid::regclass::text || ' ' || c.conname || ' ' || pg_get_constraintdef(c.oid)
         FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
        WHERE n.nspname = $1 AND c.conrelid::regclass::text NOT LIKE '%_prisma_migrations'
       UNION ALL
       SELECT 'enum ' || t.typname || ' ' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
         FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE n.nspname = $1 GROUP BY t.typname
       ORDER BY 1`,
      [schema],
    );
    return rows.map((row) => row.line);
  } finally {
    await client.end();
  }
}

/** Runs a SQL script (e.g. a migration) on the service's schema. */
export async function runSql(databaseUrl: string, sql: string): Promise<void> {
  const { connectionString, schema } = parseDatabaseUrl(databaseUrl);
  const client = new Client({ connectionString, options: `-c search_path=${schema}` });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
