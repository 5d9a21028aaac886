import { Inject, Injectable } from '@nestjs/common';
import {
  Exchanges,
  OrderCancelledV1,
  OrderCreatedV1,
  Queues,
  RiderAssignedV1,
} from '@dinner-rush/contracts';
import {
  consumerSubscription,
  EventRouter,
  RabbitSubscribe,
  simulateWork,
  withReplay,
} from '@dinner-rush/messaging';
import { APP_CONFIG } from '@dinner-rush/service-kit';
import type { CustomerNotifyConfig } from '../config';
import { NotificationsService } from './notifications.service';

/**
 * The consumer edge: one queue bound to two exchanges (the order's own facts
 * on `orders`, the rider's assignment on `orders.status`) and to
 * `orders.replay` for history. Each message is validated against the
 * contracts, then handed on.
 */
@Injectable()
export class OrderEventsHandler {
  private readonly router = new EventRouter()
    .on(OrderCreatedV1, (event) => this.service.onOrderCreated(event))
    .on(OrderCancelledV1, (event) => this.service.onOrderCancelled(event))
    .on(RiderAssignedV1, (event) => this.service.onRiderAssigned(event));

  constructor(
    private readonly service: NotificationsService,
    @Inject(APP_CONFIG) private readonly config: CustomerNotifyConfig,
  ) {}

  @RabbitSubscribe(
    withReplay({
      ...consumerSubscription(Queues.customerNotify, Exchanges.orders, [
        OrderCreatedV1.type,
        OrderCancelledV1.type,
      ]),
      bindings: [{ exchange: Exchanges.orderStatus, routingKey: RiderAssignedV1.type }],
    }),
  )
  async handle(message: unknown): Promise<void> {
    await simulateWork(this.config.WORK_TIME_MS);
    await this.router.dispatch(message);
  }
}
