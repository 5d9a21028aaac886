import { Inject, Injectable } from '@nestjs/common';
import { Exchanges, Queues, StatusEventData } from '@dinner-rush/contracts';
import {
  consumerSubscription,
  EventRouter,
  RabbitSubscribe,
  simulateWork,
} from '@dinner-rush/messaging';
import { APP_CONFIG } from '@dinner-rush/service-kit';
import type { OrderServiceConfig } from '../config';
import { TrackingService } from './tracking.service';

/**
 * Consumes every event on orders.status ('#'): tracking reads only what all
 * status events share (data.orderId), so a new consumer's events need no change here.
 */
@Injectable()
export class StatusEventsHandler {
  constructor(
    private readonly tracking: TrackingService,
    @Inject(APP_CONFIG) private readonly config: OrderServiceConfig,
  ) {}

  @RabbitSubscribe(consumerSubscription(Queues.orderTracking, Exchanges.orderStatus, ['#']))
  async handle(message: unknown): Promise<void> {
    await simulateWork(this.config.WORK_TIME_MS);
    const envelope = EventRouter.parseEnvelope(message);
    const data = EventRouter.parseData(envelope, StatusEventData);
    await this.tracking.record(envelope, data);
  }
}
