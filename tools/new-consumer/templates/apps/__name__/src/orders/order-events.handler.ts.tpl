import { Injectable } from '@nestjs/common';
import { OrderCancelledV1, OrderCreatedV1, Queues } from '@dinner-rush/contracts';
import { ConsumeBatches, eventConsumer, type BatchMessage } from '@dinner-rush/messaging';
import { OrdersService } from './orders.service';

/**
 * The consumer edge: order events, each validated against its contract, a
 * batch at a time (bound to the events' routing keys, and to orders.replay
 * under its queue's name). libs/messaging acks what the batch applied and
 * retries or dead-letters what it rejected, message by message.
 */
@Injectable()
export class OrderEventsHandler {
  constructor(private readonly service: OrdersService) {}

  @ConsumeBatches(
    eventConsumer(Queues.__nameCamel__, [OrderCreatedV1, OrderCancelledV1], { replay: true }),
  )
  apply(batch: readonly BatchMessage[]): Promise<void> {
    return this.service.apply(batch);
  }
}
