import type { DynamicModule } from '@nestjs/common';
import { Queues } from '@dinner-rush/contracts';
import { ServiceModule } from '@dinner-rush/service-kit';
import type { MerchantNotifyConfig } from './config';
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
      retention: [
        {
          table: 'notifications',
          column: 'created_at',
          keepMs: config.NOTIFICATION_RETENTION_DAYS * 86_400_000,
        },
      ],
      imports: [WebhooksModule, NotificationsModule],
    });
  }
}
