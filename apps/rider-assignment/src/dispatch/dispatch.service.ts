import { Inject, Injectable } from '@nestjs/common';
import { OrderCancelledV1, OrderCreatedV1 } from '@dinner-rush/contracts';
import {
  applyBatchExactlyOnce,
  messagesOfType,
  type BatchMessage,
  type PgTx,
} from '@dinner-rush/messaging';
import { APP_CONFIG } from '@dinner-rush/service-kit';
import type { RiderAssignmentConfig } from '../config';
import { PrismaService } from '../database/prisma.service';
import { DeliveryDueV1, DeliveryDueV2 } from './delivery-due';
import type { DispatchOutcome } from './dispatch-outcome';
import type { NewOrder } from './dispatch-store';
import { Dispatcher } from './dispatcher';
import { outcomeMessages } from './outcome-messages';
import { PgDispatchStore } from './pg-dispatch.store';

/**
 * Applies each batch once: inbox rows, dispatch changes and the resulting
 * status events and delivery timer commit in one transaction.
 */
@Injectable()
export class DispatchService {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(APP_CONFIG) private readonly config: RiderAssignmentConfig,
  ) {}

  /**
   * Order events in delivery order: runs of creations are dispatched together,
   * a cancellation on its own between them, so a creation and its cancellation
   * in one batch end as they would one at a time.
   */
  orderEvents(batch: readonly BatchMessage[]): Promise<void> {
    return this.apply(batch, async (dispatcher, fresh) => {
      const created = new Set<BatchMessage>(messagesOfType(fresh, OrderCreatedV1));
      const cancelled = new Set<BatchMessage>(messagesOfType(fresh, OrderCancelledV1));
      const outcomes: DispatchOutcome[] = [];
      let run: NewOrder[] = [];
      const dispatchRun = async () => {
        if (run.length > 0) outcomes.push(...(await dispatcher.ordersCreated(run)));
        run = [];
      };
      for (const message of fresh) {
        const { envelope } = message;
        if (created.has(message)) {
          const { orderId, merchantLocation } = envelope.data as NewOrder;
          run.push({
            orderId,
            merchantLocation,
            correlationId: envelope.correlationId,
            causationId: envelope.messageId,
          });
        } else if (cancelled.has(message)) {
          await dispatchRun();
          const { orderId } = envelope.data as { orderId: string };
          outcomes.push(
            ...(await dispatcher.orderCancelled(
              orderId,
              envelope.correlationId,
              envelope.messageId,
            )),
          );
        }
      }
      await dispatchRun();
      return outcomes;
    });
  }

  /** Timers whose rides are over (a v2 timer lists every ride its batch started). */
  deliveries(batch: readonly BatchMessage[]): Promise<void> {
    return this.apply(batch, (dispatcher, fresh) =>
      dispatcher.deliveriesDue([
        ...messagesOfType(fresh, DeliveryDueV2).flatMap(({ envelope }) =>
          envelope.data.rides.map((ride) => ({ ...ride, causationId: envelope.messageId })),
        ),
        ...messagesOfType(fresh, DeliveryDueV1).map(({ envelope }) => ({
          ...envelope.data,
          causationId: envelope.messageId,
        })),
      ]),
    );
  }

  private apply(
    batch: readonly BatchMessage[],
    decide: (dispatcher: Dispatcher, fresh: readonly BatchMessage[]) => Promise<DispatchOutcome[]>,
  ): Promise<void> {
    return applyBatchExactlyOnce(this.prisma.pool, batch, async (tx: PgTx, fresh) => {
      const dispatcher = new Dispatcher(new PgDispatchStore(tx), new Date());
      return outcomeMessages(await decide(dispatcher, fresh), this.config.RIDER_DELIVERY_MS);
    });
  }
}
