import { Module } from '@nestjs/common';
import { OrderEventsHandler } from './order-events.handler';
import { OrdersController } from './orders.controller';
import { OrdersRepository } from './orders.repository';
import { OrdersService } from './orders.service';

/** Order events in, records and status events out; the read API beside them. */
@Module({
  controllers: [OrdersController],
  providers: [OrdersRepository, OrdersService, OrderEventsHandler],
})
export class OrdersModule {}
