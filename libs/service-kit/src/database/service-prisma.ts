import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import {
  createPgPool,
  createSharedPrismaAdapter,
  PRISMA_TRANSACTION_OPTIONS,
} from '@dinner-rush/database';
import type { Pool } from 'pg';
import { APP_CONFIG } from '../app-config.token';

/** What every generated Prisma client offers that the service wiring needs. */
interface PrismaClientLike {
  $disconnect(): Promise<void>;
  $queryRawUnsafe(sql: string): Promise<unknown>;
}

// A mixin's base must be constructible with any arguments (TypeScript's rule for mixins).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type PrismaClientClass = new (...args: any[]) => PrismaClientLike;

interface DatabaseConfig {
  DATABASE_URL: string;
  DATABASE_POOL_SIZE: number;
}

/**
 * A service's database: its generated Prisma client (read APIs, seeding) and,
 * under it, one pg pool sized by DATABASE_POOL_SIZE that the hot paths use
 * directly (PgTx, one round trip per statement) and the outbox relay shares.
 * Each app declares `class PrismaService extends ServicePrisma(PrismaClient) {}`.
 */
export function ServicePrisma<TClient extends PrismaClientClass>(Client: TClient) {
  @Injectable()
  class ServicePrismaClient extends Client implements OnApplicationShutdown {
    readonly pool: Pool;

    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the mixin constructor rule
    constructor(@Inject(APP_CONFIG) ...args: any[]) {
      const config = args[0] as DatabaseConfig;
      const pool = createPgPool(config.DATABASE_URL, config.DATABASE_POOL_SIZE);
      super({
        adapter: createSharedPrismaAdapter(pool, config.DATABASE_URL),
        transactionOptions: PRISMA_TRANSACTION_OPTIONS,
      });
      this.pool = pool;
    }

    // Last shutdown phase: consumers were drained (and the outbox flushed) before this.
    async onApplicationShutdown(): Promise<void> {
      await this.$disconnect();
      await this.pool.end();
    }
  }
  return ServicePrismaClient;
}
