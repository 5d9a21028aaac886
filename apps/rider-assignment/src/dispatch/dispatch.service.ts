import { Inject, Injectable } from '@nestjs/common';
import type { Envelope, EventData, OrderCancelledV1, OrderCreatedV1 } from '@dinner-rush/contracts';
import { applyExactlyOnce, inPgTransaction, type PgTx } from '@dinner-rush/messaging';
import { APP_CONFIG } from '@dinner-rush/service-kit';
import type { RiderAssignmentConfig } from '../config';
import { PrismaService } from '../database/prisma.service';
import type { DeliveryDueV1 } from './delivery-due.v1';
import { Dispatcher } from './dispatcher';
import { outcomeMessages } from './outcome-messages';
import { PgDispatchStore } from './pg-dispatch.store';

/**
 * Applies each message once: inbox row, dispatch changes and the resulting
 * status events and delivery timers commit in one transaction.
 */
@Injectable()
export class DispatchService {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(APP_CONFIG) private readonly config: RiderAssignmentConfig,
  ) {}

  onOrderCreated(event: Envelope<EventData<typeof OrderCreatedV1>>): Promise<boolean> {
    const { orderId, merchantLocation } = event.data;
    return this.apply(event, (dispatcher) =>
      dispatcher.orderCreated({ orderId, correlationId: event.correlationId, merchantLocation }),
    );
  }

  onOrderCancelled(event: Envelope<EventData<typeof OrderCancelledV1>>): Promise<boolean> {
    return this.apply(event, (dispatcher) =>
      dispatcher.orderCancelled(event.data.orderId, event.correlationId),
    );
  }

  onDeliveryDue(event: Envelope<EventData<typeof DeliveryDueV1>>): Promise<boolean> {
    return this.apply(event, (dispatcher) =>
      dispatcher.deliveryDue(event.data.orderId, event.data.riderId),
    );
  }

  private apply(
    event: Envelope,
    decide: (dispatcher: Dispatcher) => ReturnType<Dispatcher['orderCreated']>,
  ): Promise<boolean> {
    return applyExactlyOnce(
      (work: (tx: PgTx) => Promise<void>) => inPgTransaction(this.prisma.pool, work),
      event,
      async (tx) => {
        const dispatcher = new Dispatcher(new PgDispatchStore(tx), new Date());
        const outcomes = await decide(dispatcher);
        return outcomeMessages(outcomes, event.messageId, this.config.RIDER_DELIVERY_MS);
      },
    );
  }
}
