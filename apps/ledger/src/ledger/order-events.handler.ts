import { Injectable } from '@nestjs/common';
import { OrderCancelledV1, OrderCreatedV1, Queues } from '@dinner-rush/contracts';
import { ConsumeBatches, eventConsumer, type BatchMessage } from '@dinner-rush/messaging';
import { LedgerService } from './ledger.service';

/** The ledger's queue: order events, validated against their contracts, a batch at a time. */
@Injectable()
export class OrderEventsHandler {
  constructor(private readonly service: LedgerService) {}

  @ConsumeBatches(
    eventConsumer(Queues.ledger, [OrderCreatedV1, OrderCancelledV1], { replay: true }),
  )
  apply(batch: readonly BatchMessage[]): Promise<void> {
    return this.service.post(batch);
  }
}
