import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import {
  createPgPool,
  createSharedPrismaAdapter,
  PRISMA_TRANSACTION_OPTIONS,
} from '@dinner-rush/database';
import { APP_CONFIG } from '@dinner-rush/service-kit';
import type { Pool } from 'pg';
import type { MerchantNotifyConfig } from '../config';
import { PrismaClient } from '../generated/prisma/client';

/** The service's own Prisma client, on its own schema (search_path from DATABASE_URL). */
@Injectable()
export class PrismaService extends PrismaClient implements OnApplicationShutdown {
  /** The same pool, for the plain-SQL notification path (one connection budget per service). */
  readonly pool: Pool;

  constructor(@Inject(APP_CONFIG) config: MerchantNotifyConfig) {
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
