import { Injectable } from '@nestjs/common';
import { OrderCancelledV1, OrderCreatedV1, Queues } from '@dinner-rush/contracts';
import { ConsumeBatches, eventConsumer, type BatchMessage } from '@dinner-rush/messaging';
import { DispatchService } from './dispatch.service';

/** Thin edge: order events from the service's queue, validated, a batch at a time. */
@Injectable()
export class OrderEventsHandler {
  constructor(private readonly dispatch: DispatchService) {}

  @ConsumeBatches(
    eventConsumer(Queues.riderAssignment, [OrderCreatedV1, OrderCancelledV1], { replay: true }),
  )
  apply(batch: readonly BatchMessage[]): Promise<void> {
    return this.dispatch.orderEvents(batch);
  }
}
