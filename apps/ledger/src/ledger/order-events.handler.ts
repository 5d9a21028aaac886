import { Inject, Injectable } from '@nestjs/common';
import { Exchanges, OrderCancelledV1, OrderCreatedV1, Queues } from '@dinner-rush/contracts';
import {
  consumerSubscription,
  EventRouter,
  RabbitSubscribe,
  simulateWork,
} from '@dinner-rush/messaging';
import { APP_CONFIG } from '@dinner-rush/service-kit';
import type { LedgerConfig } from '../config';
import { LedgerService } from './ledger.service';

/** The ledger's queue: validates each order event against its contract and hands it on. */
@Injectable()
export class OrderEventsHandler {
  private readonly router = new EventRouter()
    .on(OrderCreatedV1, (event) => this.service.onOrderCreated(event))
    .on(OrderCancelledV1, (event) => this.service.onOrderCancelled(event));

  constructor(
    private readonly service: LedgerService,
    @Inject(APP_CONFIG) private readonly config: LedgerConfig,
  ) {}

  @RabbitSubscribe(
    consumerSubscription(Queues.ledger, Exchanges.orders, [
      OrderCreatedV1.type,
      OrderCancelledV1.type,
    ]),
  )
  async handle(message: unknown): Promise<void> {
    await simulateWork(this.config.WORK_TIME_MS);
    await this.router.dispatch(message);
  }
}
