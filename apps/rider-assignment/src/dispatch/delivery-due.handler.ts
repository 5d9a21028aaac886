import { Injectable } from '@nestjs/common';
import { consumerSubscription, EventRouter, RabbitSubscribe } from '@dinner-rush/messaging';
import { DeliveryDueV1 } from './delivery-due.v1';
import {
  DELIVERY_DUE_ROUTING_KEY,
  DELIVERY_TIMERS_EXCHANGE,
  DeliveriesQueue,
} from './delivery-timer';
import { DispatchService } from './dispatch.service';

/** Thin edge: a ride's timer ran out (dead-lettered from the delay queue). */
@Injectable()
export class DeliveryDueHandler {
  private readonly router = new EventRouter().on(DeliveryDueV1, async (event) => {
    await this.dispatch.onDeliveryDue(event);
  });

  constructor(private readonly dispatch: DispatchService) {}

  @RabbitSubscribe(
    consumerSubscription(DeliveriesQueue, DELIVERY_TIMERS_EXCHANGE, [DELIVERY_DUE_ROUTING_KEY]),
  )
  async handle(message: unknown): Promise<void> {
    await this.router.dispatch(message);
  }
}
