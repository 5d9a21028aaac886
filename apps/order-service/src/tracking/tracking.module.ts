import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module';
import { StatusEventsHandler } from './status-events.handler';
import { TrackingService } from './tracking.service';

@Module({
  imports: [OrdersModule],
  providers: [StatusEventsHandler, TrackingService],
})
export class TrackingModule {}
