import { Module } from '@nestjs/common';
import { APP_CONFIG } from '@dinner-rush/service-kit';
import type { CustomerNotifyConfig } from '../config';
import { CustomerOrdersRepository } from './customer-orders.repository';
import { NotificationReads } from './notification-reads';
import { NotificationsController } from './notifications.controller';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';
import { OrderEventsHandler } from './order-events.handler';
import { WebhookSender } from './webhook-sender';

/** Order and rider events in, customer notifications (and customer.notified.v1) out. */
@Module({
  controllers: [NotificationsController],
  providers: [
    CustomerOrdersRepository,
    NotificationReads,
    NotificationsRepository,
    NotificationsService,
    OrderEventsHandler,
    {
      // No WEBHOOK_URL, no sender: notifications are only stored.
      provide: WebhookSender,
      inject: [APP_CONFIG],
      useFactory: (config: CustomerNotifyConfig) =>
        config.WEBHOOK_URL
          ? WebhookSender.to(config.WEBHOOK_URL, {
              attempts: config.WEBHOOK_ATTEMPTS,
              timeoutMs: config.WEBHOOK_TIMEOUT_MS,
              backoffMs: config.WEBHOOK_BACKOFF_MS,
            })
          : null,
    },
  ],
})
export class NotificationsModule {}
