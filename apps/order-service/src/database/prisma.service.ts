import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createPrismaAdapter } from '@dinner-rush/database';
import { APP_CONFIG } from '@dinner-rush/service-kit';
import type { OrderServiceConfig } from '../config';
import { PrismaClient, type Prisma } from '../generated/prisma/client';

/** The orders schema's Prisma client, on a pg pool sized by DATABASE_POOL_SIZE. */
@Injectable()
export class PrismaService extends PrismaClient implements OnApplicationShutdown {
  constructor(@Inject(APP_CONFIG) config: OrderServiceConfig) {
    super({ adapter: createPrismaAdapter(config.DATABASE_URL, config.DATABASE_POOL_SIZE) });
  }

  // Last shutdown phase: consumers were drained (and the outbox flushed) before this.
  async onApplicationShutdown(): Promise<void> {
    await this.$disconnect();
  }
}

/** What a repository receives inside `$transaction(async (tx) => ...)`. */
export type PrismaTx = Prisma.TransactionClient;
