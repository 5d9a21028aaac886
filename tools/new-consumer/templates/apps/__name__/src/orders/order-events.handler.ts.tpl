import { Inject, Injectable } from '@nestjs/common';
import { Exchanges, OrderCancelledV1, OrderCreatedV1, Queues } from '@dinner-rush/contracts';
import {
  consumerSubscription,
  EventRouter,
  RabbitSubscribe,
  simulateWork,
  withReplay,
} from '@dinner-rush/messaging';
import { APP_CONFIG } from '@dinner-rush/service-kit';
import type { __Name__Config } from '../config';
import { OrdersService } from './orders.service';

/** The consumer edge: validates each order event against the contracts and hands it on. */
@Injectable()
export class OrderEventsHandler {
  private readonly router = new EventRouter()
    .on(OrderCreatedV1, (event) => this.service.apply(event))
    .on(OrderCancelledV1, (event) => this.service.apply(event));

  constructor(
    private readonly service: OrdersService,
    @Inject(APP_CONFIG) private readonly config: __Name__Config,
  ) {}

  // Bound to the routing keys it handles, and to orders.replay under its queue's name.
  @RabbitSubscribe(
    withReplay(
      consumerSubscription(Queues.__nameCamel__, Exchanges.orders, [
        OrderCreatedV1.type,
        OrderCancelledV1.type,
      ]),
    ),
  )
  async handle(message: unknown): Promise<void> {
    await simulateWork(this.config.WORK_TIME_MS);
    await this.router.dispatch(message);
  }
}
