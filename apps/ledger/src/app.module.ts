import type { DynamicModule } from '@nestjs/common';
import { Queues } from '@dinner-rush/contracts';
import { ServiceModule } from '@dinner-rush/service-kit';
import type { LedgerConfig } from './config';
import { PrismaService } from './database/prisma.service';
import { LedgerModule } from './ledger/ledger.module';

/** The whole service for one validated configuration (tests pass their own). */
export class AppModule {
  static forConfig(config: LedgerConfig): DynamicModule {
    return ServiceModule.forService({
      name: 'ledger',
      config,
      broker: { consumes: [Queues.ledger] },
      database: PrismaService,
      imports: [LedgerModule],
    });
  }
}
