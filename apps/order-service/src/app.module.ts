import { Module, type DynamicModule } from '@nestjs/common';
import { Queues } from '@dinner-rush/contracts';
import { MessagingModule } from '@dinner-rush/messaging';
import { APP_CONFIG, HealthModule, loggingModule } from '@dinner-rush/service-kit';
import { CatalogueModule } from './catalogue/catalogue.module';
import type { OrderServiceConfig } from './config';
import { DatabaseModule } from './database/database.module';
import { PrismaService } from './database/prisma.service';
import { OrdersModule } from './orders/orders.module';
import { TrackingModule } from './tracking/tracking.module';

/** order-service: the HTTP API that accepts orders, publishes them via its outbox and tracks them. */
@Module({})
export class AppModule {
  static forConfig(config: OrderServiceConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        loggingModule('order-service', config.LOG_LEVEL),
        MessagingModule.forRootAsync({
          useFactory: () => ({
            rabbitmqUrl: config.RABBITMQ_URL,
            prefetch: config.PREFETCH,
            consumes: [Queues.orderTracking],
            outbox: {
              databaseUrl: config.DATABASE_URL,
              pollIntervalMs: config.OUTBOX_POLL_MS,
              batchSize: config.OUTBOX_BATCH_SIZE,
            },
          }),
        }),
        DatabaseModule,
        HealthModule.forDatabase(PrismaService),
        CatalogueModule,
        OrdersModule,
        TrackingModule,
      ],
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG],
    };
  }
}
