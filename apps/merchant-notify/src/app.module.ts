import type { DynamicModule } from '@nestjs/common';
import { Queues } from '@dinner-rush/contracts';
import { ServiceModule } from '@dinner-rush/service-kit';
import type { MerchantNotifyConfig } from './config';
import { DatabaseModule } from './database/database.module';
import { PrismaService } from './database/prisma.service';
import { NotificationsModule } from './notifications/notifications.module';
import { WebhooksModule } from './webhooks/webhooks.module';

/** The whole service for one validated configuration (tests pass their own). */
export class AppModule {
  static forConfig(config: MerchantNotifyConfig): DynamicModule {
    return ServiceModule.forService({
      name: 'merchant-notify',
      config,
      broker: { consumes: [Queues.merchantNotify] },
      database: PrismaService,
      imports: [DatabaseModule, WebhooksModule, NotificationsModule],
    });
  }
}
