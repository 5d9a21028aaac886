import { PrismaPg } from '@prisma/adapter-pg';
import { Pool, type PoolConfig } from 'pg';
import { parseDatabaseUrl, type DatabaseTarget } from './database-url';

function poolConfig(target: DatabaseTarget, max?: number): PoolConfig {
  return {
    connectionString: target.connectionString,
    // Unqualified SQL (raw queries, migrations) lands in the service's own schema.
    options: `-c search_path=${target.schema}`,
    ...(max === undefined ? {} : { max }),
  };
}

/** The Prisma driver adapter for a service's DATABASE_URL (Prisma 7 needs no native engine). */
export function createPrismaAdapter(databaseUrl: string, poolSize?: number): PrismaPg {
  const target = parseDatabaseUrl(databaseUrl);
  return new PrismaPg(poolConfig(target, poolSize), { schema: target.schema });
}

/** A plain pg pool on the service's schema, for LISTEN/NOTIFY and hot-path SQL. */
export function createPgPool(databaseUrl: string, max?: number): Pool {
  return new Pool(poolConfig(parseDatabaseUrl(databaseUrl), max));
}
