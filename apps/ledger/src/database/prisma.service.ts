import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createPrismaAdapter } from '@dinner-rush/database';
import { APP_CONFIG } from '@dinner-rush/service-kit';
import type { LedgerConfig } from '../config';
import { PrismaClient } from '../generated/prisma/client';

/** The ledger schema's Prisma client, on the pg driver adapter (no native engine). */
@Injectable()
export class PrismaService extends PrismaClient implements OnApplicationShutdown {
  constructor(@Inject(APP_CONFIG) config: LedgerConfig) {
    super({ adapter: createPrismaAdapter(config.DATABASE_URL, config.DATABASE_POOL_SIZE) });
  }

  // Last shutdown phase: consumers were drained (and the outbox flushed) before this.
  async onApplicationShutdown(): Promise<void> {
    await this.$disconnect();
  }
}
