import { Injectable } from '@nestjs/common';
import {
  OrderCancelledV1,
  OrderCreatedV1ToV2,
  OrderCreatedV2,
  Queues,
} from '@dinner-rush/contracts';
import { ConsumeBatches, eventConsumer, type BatchMessage } from '@dinner-rush/messaging';
import { NotificationsService } from './notifications.service';

/**
 * The consumer edge: order events, validated against their contracts, a batch
 * at a time. v2-aware: order.created.v1 (an old producer's, or one still
 * queued) is bound too and arrives upcast, so the service handles v2 only.
 */
@Injectable()
export class OrderEventsHandler {
  constructor(private readonly service: NotificationsService) {}

  @ConsumeBatches(
    eventConsumer(Queues.merchantNotify, [OrderCreatedV2, OrderCreatedV1ToV2, OrderCancelledV1], {
      replay: true,
    }),
  )
  apply(batch: readonly BatchMessage[]): Promise<void> {
    return this.service.notify(batch);
  }
}
