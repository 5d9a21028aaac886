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
import { NotificationsService } from './notifications.service';

/** The consumer edge: validates each order event against the contracts and hands it on. */
@Injectable()
export class OrderEventsHandler {
  private readonly router = new EventRouter()
    .on(OrderCreatedV1, (event) => this.service.onOrderCreated(event))
    .on(OrderCancelledV1, (event) => this.service.onOrderCancelled(event));

  constructor(
    private readonly service: NotificationsService,
    /** WORK_TIME_MS, changeable live through the consumer admin API. */
    private readonly pace: ConsumerPace,
  ) {}

  @RabbitSubscribe(
    withReplay(
      consumerSubscription(Queues.merchantNotify, Exchanges.orders, [
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
