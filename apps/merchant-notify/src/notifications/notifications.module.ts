import { Module } from '@nestjs/common';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { NotificationsController } from './notifications.controller';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';
import { OrderEventsHandler } from './order-events.handler';

@Module({
  imports: [WebhooksModule],
  controllers: [NotificationsController],
  providers: [NotificationsRepository, NotificationsService, OrderEventsHandler],
})
export class NotificationsModule {}
