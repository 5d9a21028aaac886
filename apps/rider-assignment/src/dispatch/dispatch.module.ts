import { Module } from '@nestjs/common';
import { DeliveryDueHandler } from './delivery-due.handler';
import { DispatchService } from './dispatch.service';
import { OrderEventsHandler } from './order-events.handler';

/** Where an order becomes a rider assignment, and a ride ends. */
@Module({ providers: [DispatchService, OrderEventsHandler, DeliveryDueHandler] })
export class DispatchModule {}
