import { Module } from '@nestjs/common';
import { DeliveriesModule } from '../deliveries/deliveries.module';
import { NotificationsController } from './notifications.controller';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';
import { OrderEventsHandler } from './order-events.handler';

@Module({
  imports: [DeliveriesModule],
  controllers: [NotificationsController],
  providers: [NotificationsRepository, NotificationsService, OrderEventsHandler],
})
export class NotificationsModule {}
