import { Injectable } from '@nestjs/common';
import { Exchanges, OrderCancelledV1, OrderCreatedV1, Queues } from '@dinner-rush/contracts';
import {
  ConsumerPace,
  consumerSubscription,
  withReplay,
  EventRouter,
  RabbitSubscribe,
  simulateWork,
} from '@dinner-rush/messaging';
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
    /** WORK_TIME_MS, changeable live through the consumer admin API. */
    private readonly pace: ConsumerPace,
  ) {}

  @RabbitSubscribe(
    withReplay(
      consumerSubscription(Queues.riderAssignment, Exchanges.orders, [
        OrderCreatedV1.type,
        OrderCancelledV1.type,
      ]),
    ),
  )
  async handle(message: unknown): Promise<void> {
    await simulateWork(this.pace.workTimeMs);
    await this.router.dispatch(message);
  }
}
