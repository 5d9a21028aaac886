import { Injectable } from '@nestjs/common';
import { OrderCancelledV1, OrderCreatedV1, Queues, RiderAssignedV1 } from '@dinner-rush/contracts';
import { ConsumeBatches, eventConsumer, type BatchMessage } from '@dinner-rush/messaging';
import { NotificationsService } from './notifications.service';

/**
 * The consumer edge: one queue bound to two exchanges (the order's own facts
 * on `orders`, the rider's assignment on `orders.status`) and to
 * `orders.replay` for history, validated against the contracts, a batch at a time.
 */
@Injectable()
export class OrderEventsHandler {
  constructor(private readonly service: NotificationsService) {}

  @ConsumeBatches(
    eventConsumer(Queues.customerNotify, [OrderCreatedV1, OrderCancelledV1, RiderAssignedV1], {
      replay: true,
    }),
  )
  apply(batch: readonly BatchMessage[]): Promise<void> {
    return this.service.notify(batch);
  }
}
