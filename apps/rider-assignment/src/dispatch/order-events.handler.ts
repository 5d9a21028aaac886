import { Inject, Injectable } from '@nestjs/common';
import { Exchanges, OrderCancelledV1, OrderCreatedV1, Queues } from '@dinner-rush/contracts';
import {
  consumerSubscription,
  EventRouter,
  RabbitSubscribe,
  simulateWork,
} from '@dinner-rush/messaging';
import { APP_CONFIG } from '@dinner-rush/service-kit';
import type { RiderAssignmentConfig } from '../config';
import { DispatchService } from './dispatch.service';

/** Thin edge: validates order events from the service's queue and hands them to dispatch. */
@Injectable()
export class OrderEventsHandler {
  private readonly router = new EventRouter()
    .on(OrderCreatedV1, async (event) => {
      await this.dispatch.onOrderCreated(event);
    })
    .on(OrderCancelledV1, async (event) => {
      await this.dispatch.onOrderCancelled(event);
    });

  constructor(
    private readonly dispatch: DispatchService,
    @Inject(APP_CONFIG) private readonly config: RiderAssignmentConfig,
  ) {}

  @RabbitSubscribe(
    consumerSubscription(Queues.riderAssignment, Exchanges.orders, [
      OrderCreatedV1.type,
      OrderCancelledV1.type,
    ]),
  )
  async handle(message: unknown): Promise<void> {
    await simulateWork(this.config.WORK_TIME_MS);
    await this.router.dispatch(message);
  }
}
