import { Injectable } from '@nestjs/common';
import { Exchanges, Queues, StatusEventData } from '@dinner-rush/contracts';
import {
  ConsumerPace,
  consumerSubscription,
  EventRouter,
  RabbitSubscribe,
  simulateWork,
} from '@dinner-rush/messaging';
import { TrackingService } from './tracking.service';

/**
 * Consumes every event on orders.status ('#'): tracking reads only what all
 * status events share (data.orderId), so a new consumer's events need no change here.
 */
@Injectable()
export class StatusEventsHandler {
  constructor(
    private readonly tracking: TrackingService,
    /** WORK_TIME_MS, changeable live through the consumer admin API. */
    private readonly pace: ConsumerPace,
  ) {}

  @RabbitSubscribe(consumerSubscription(Queues.orderTracking, Exchanges.orderStatus, ['#']))
  async handle(message: unknown): Promise<void> {
    await simulateWork(this.pace.workTimeMs);
    const envelope = EventRouter.parseEnvelope(message);
    const data = EventRouter.parseData(envelope, StatusEventData);
    await this.tracking.record(envelope, data);
  }
}
