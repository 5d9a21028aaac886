import { Injectable } from '@nestjs/common';
import { ConsumeBatches, patternConsumer, type BatchMessage } from '@dinner-rush/messaging';
import { DeliveryDueV1, DeliveryDueV2 } from './delivery-due';
import {
  DELIVERY_DUE_ROUTING_KEY,
  DELIVERY_TIMERS_EXCHANGE,
  DeliveriesQueue,
} from './delivery-timer';
import { DispatchService } from './dispatch.service';

/** Thin edge: ride timers that ran out (dead-lettered from the delay queue). */
@Injectable()
export class DeliveryDueHandler {
  constructor(private readonly dispatch: DispatchService) {}

  @ConsumeBatches(
    patternConsumer(
      DeliveriesQueue,
      { exchange: DELIVERY_TIMERS_EXCHANGE, routingKeys: [DELIVERY_DUE_ROUTING_KEY] },
      [DeliveryDueV1, DeliveryDueV2],
    ),
  )
  apply(batch: readonly BatchMessage[]): Promise<void> {
    return this.dispatch.deliveries(batch);
  }
}
