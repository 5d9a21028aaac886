import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createPrismaAdapter, PRISMA_TRANSACTION_OPTIONS } from '@dinner-rush/database';
import { APP_CONFIG } from '@dinner-rush/service-kit';
import type { CustomerNotifyConfig } from '../config';
import { PrismaClient, type Prisma } from '../generated/prisma/client';

/** The service's own Prisma client, on its own schema (search_path from DATABASE_URL). */
@Injectable()
export class PrismaService extends PrismaClient implements OnApplicationShutdown {
  constructor(@Inject(APP_CONFIG) config: CustomerNotifyConfig) {
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

/** What a repository receives inside `$transaction(async (tx) => ...)`. */
export type PrismaTx = Prisma.TransactionClient;
