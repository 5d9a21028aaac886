import { PrismaPg } from '@prisma/adapter-pg';
import { Pool, type PoolConfig } from 'pg';
import { parseDatabaseUrl, type DatabaseTarget } from './database-url';

/** Session settings (`-c name=value`) every connection of a pool starts with. */
export type SessionSettings = Readonly<Record<string, string>>;

function poolConfig(
  target: DatabaseTarget,
  max?: number,
  session: SessionSettings = {},
): PoolConfig {
  // Unqualified SQL (raw queries, migrations) lands in the service's own schema.
  const settings = { search_path: target.schema, ...session };
  return {
    connectionString: target.connectionString,
    options: Object.entries(settings)
      .map(([name, value]) => `-c ${name}=${value}`)
      .join(' '),
    // A database that accepts TCP but never answers must fail a request, not hang it.
    connectionTimeoutMillis: 5_000,
    ...(max === undefined ? {} : { max }),
  };
}

/** The Prisma driver adapter for a service's DATABASE_URL (Prisma 7 needs no native engine). */
export function createPrismaAdapter(databaseUrl: string, poolSize?: number): PrismaPg {
  const target = parseDatabaseUrl(databaseUrl);
  return new PrismaPg(poolConfig(target, poolSize), { schema: target.schema });
}

/**
 * Prisma on a pool the service also uses for plain SQL on its hot paths, so
 * both draw on one DATABASE_POOL_SIZE budget instead of doubling the service's
 * connections. The caller owns the pool and ends it after Prisma disconnects.
 */
export function createSharedPrismaAdapter(pool: Pool, databaseUrl: string): PrismaPg {
  return new PrismaPg(pool, { schema: parseDatabaseUrl(databaseUrl).schema });
}

/** A plain pg pool on the service's schema, for the outbox relay and hot-path SQL. */
export function createPgPool(databaseUrl: string, max?: number, session?: SessionSettings): Pool {
  const pool = new Pool(poolConfig(parseDatabaseUrl(databaseUrl), max, session));
  // When PostgreSQL restarts, idle clients die with an error event; without a
  // listener that would crash the process. The next query simply reconnects.
  pool.on('error', () => undefined);
  return pool;
}

/**
 * Interactive-transaction limits for every service's Prisma client. Prisma's
 * defaults (2 s to get a connection, 5 s to finish) turn a busy moment, when
 * PREFETCH handlers share a small pool, into failed messages; waiting longer for
 * a connection is the right answer to a burst.
 */
export const PRISMA_TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 20_000 } as const;
