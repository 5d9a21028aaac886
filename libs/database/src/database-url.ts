/**
 * Each service owns one PostgreSQL schema, named by the `schema` query parameter
 * of its DATABASE_URL (Prisma's convention). node-postgres does not understand
 * that parameter, so it is split off here and applied as the search_path.
 */
export interface DatabaseTarget {
  /** Connection string without the `schema` parameter. */
  connectionString: string;
  schema: string;
}

export function parseDatabaseUrl(databaseUrl: string): DatabaseTarget {
  const url = new URL(databaseUrl);
  if (url.protocol !== 'postgresql:' && url.protocol !== 'postgres:') {
    throw new Error(`DATABASE_URL must be a postgresql:// URL, got "${url.protocol}"`);
  }
  const schema = url.searchParams.get('schema') ?? 'public';
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) {
    throw new Error(`DATABASE_URL schema "${schema}" must be a lower-case SQL identifier`);
  }
  url.searchParams.delete('schema');
  return { connectionString: url.toString(), schema };
}

/** The same URL pointed at another database (used by tests and tools). */
export function withDatabaseName(databaseUrl: string, database: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
