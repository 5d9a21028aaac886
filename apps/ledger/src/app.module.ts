import { Module, type DynamicModule } from '@nestjs/common';
import { Queues } from '@dinner-rush/contracts';
import { MessagingModule } from '@dinner-rush/messaging';
import { APP_CONFIG, HealthModule, loggingModule } from '@dinner-rush/service-kit';
import type { LedgerConfig } from './config';
import { DatabaseModule } from './database/database.module';
import { PrismaService } from './database/prisma.service';
import { LedgerModule } from './ledger/ledger.module';

@Module({})
export class AppModule {
  /** Global so that every module (database, ledger) can inject the one validated config. */
  static forConfig(config: LedgerConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG],
      imports: [
        loggingModule('ledger', config.LOG_LEVEL),
        MessagingModule.forRootAsync({
          useFactory: () => ({
            rabbitmqUrl: config.RABBITMQ_URL,
            prefetch: config.PREFETCH,
            consumes: [Queues.ledger],
            outbox: {
              databaseUrl: config.DATABASE_URL,
              pollIntervalMs: config.OUTBOX_POLL_MS,
              batchSize: config.OUTBOX_BATCH_SIZE,
            },
          }),
        }),
        DatabaseModule,
        HealthModule.forDatabase(PrismaService),
        LedgerModule,
      ],
    };
  }
}
