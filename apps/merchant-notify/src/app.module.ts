import { Module, type DynamicModule } from '@nestjs/common';
import { Queues } from '@dinner-rush/contracts';
import { MessagingModule } from '@dinner-rush/messaging';
import { APP_CONFIG, HealthModule, loggingModule } from '@dinner-rush/service-kit';
import type { MerchantNotifyConfig } from './config';
import { DatabaseModule } from './database/database.module';
import { PrismaService } from './database/prisma.service';
import { NotificationsModule } from './notifications/notifications.module';
import { WebhooksModule } from './webhooks/webhooks.module';

@Module({})
export class AppModule {
  /** The whole service for one validated configuration (tests pass their own). */
  static forConfig(config: MerchantNotifyConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        loggingModule('merchant-notify', config.LOG_LEVEL),
        MessagingModule.forRootAsync({
          useFactory: () => ({
            rabbitmqUrl: config.RABBITMQ_URL,
            prefetch: config.PREFETCH,
            consumes: [Queues.merchantNotify],
            outbox: {
              databaseUrl: config.DATABASE_URL,
              pollIntervalMs: config.OUTBOX_POLL_MS,
              batchSize: config.OUTBOX_BATCH_SIZE,
            },
          }),
        }),
        DatabaseModule,
        HealthModule.forDatabase(PrismaService),
        WebhooksModule,
        NotificationsModule,
      ],
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG],
    };
  }
}
