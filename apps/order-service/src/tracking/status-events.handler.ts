import { Injectable } from '@nestjs/common';
import { Exchanges, Queues, StatusEventData } from '@dinner-rush/contracts';
import { ConsumeBatches, patternConsumer, type BatchMessage } from '@dinner-rush/messaging';
import { TrackingService } from './tracking.service';

/**
 * Consumes every event on orders.status ('#'): tracking reads only what all
 * status events share (data.orderId), so a new consumer's events need no change here.
 */
@Injectable()
export class StatusEventsHandler {
  constructor(private readonly tracking: TrackingService) {}

  @ConsumeBatches(
    patternConsumer(
      Queues.orderTracking,
      { exchange: Exchanges.orderStatus, routingKeys: ['#'] },
      { anyTypeWithData: StatusEventData },
    ),
  )
  apply(batch: readonly BatchMessage[]): Promise<void> {
    return this.tracking.record(batch);
  }
}
