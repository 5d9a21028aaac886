import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createPrismaAdapter, PRISMA_TRANSACTION_OPTIONS } from '@dinner-rush/database';
import { APP_CONFIG } from '@dinner-rush/service-kit';
import type { RiderAssignmentConfig } from '../config';
import { PrismaClient } from '../generated/prisma/client';

/** The rider_assignment schema's Prisma client, on the pg driver adapter (no native engine). */
@Injectable()
export class PrismaService extends PrismaClient implements OnApplicationShutdown {
  constructor(@Inject(APP_CONFIG) config: RiderAssignmentConfig) {
    super({
      adapter: createPrismaAdapter(config.DATABASE_URL, config.DATABASE_POOL_SIZE),
      transactionOptions: PRISMA_TRANSACTION_OPTIONS,
    });
  }

  // Last shutdown phase: consumers were drained (and the outbox flushed) before this.
  async onApplicationShutdown(): Promise<void> {
    await this.$disconnect();
  }
}
