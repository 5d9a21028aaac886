import type { DynamicModule } from '@nestjs/common';
import { Queues } from '@dinner-rush/contracts';
import { replayExchange } from '@dinner-rush/messaging';
import { ServiceModule } from '@dinner-rush/service-kit';
import type { CustomerNotifyConfig } from './config';
import { DatabaseModule } from './database/database.module';
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
      imports: [DatabaseModule, NotificationsModule],
    });
  }
}
