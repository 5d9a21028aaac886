import type { DynamicModule } from '@nestjs/common';
import { Queues } from '@dinner-rush/contracts';
import { replayExchange } from '@dinner-rush/messaging';
import { ServiceModule } from '@dinner-rush/service-kit';
import type { CustomerNotifyConfig } from './config';
import { PrismaService } from './database/prisma.service';
import { NotificationsModule } from './notifications/notifications.module';

/** The whole service for one validated configuration (tests pass their own). */
export class AppModule {
  static forConfig(config: CustomerNotifyConfig): DynamicModule {
    return ServiceModule.forService({
      name: 'customer-notify',
      config,
      // Its own work queue (with its dead-letter pair), and the exchange replays arrive on.
      broker: { consumes: [Queues.customerNotify], extraExchanges: [replayExchange] },
      database: PrismaService,
      retention: [
        {
          table: 'notifications',
          column: 'created_at',
          keepMs: config.NOTIFICATION_RETENTION_DAYS * 86_400_000,
        },
        {
          table: 'customer_orders',
          column: 'created_at',
          keepMs: config.NOTIFICATION_RETENTION_DAYS * 86_400_000,
        },
      ],
      imports: [NotificationsModule],
    });
  }
}
