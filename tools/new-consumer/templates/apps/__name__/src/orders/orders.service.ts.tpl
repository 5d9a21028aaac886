import { Injectable } from '@nestjs/common';
import { __EventV1__, causedBy, OrderCancelledV1, OrderCreatedV1 } from '@dinner-rush/contracts';
import {
  applyBatchExactlyOnce,
  messagesOfType,
  outgoingEvent,
  type BatchMessage,
} from '@dinner-rush/messaging';
import { orderRecordFor, statusEventData } from './order-record';
import { OrdersRepository } from './orders.repository';

/**
 * Where order events become __name__'s effect, a batch at a time. The inbox
 * rows, the effect and the status events commit in one transaction (one
 * statement each), so a redelivered or replayed message changes nothing and
 * the order timeline gets one entry per event.
 */
@Injectable()
export class OrdersService {
  constructor(private readonly repository: OrdersRepository) {}

  async apply(batch: readonly BatchMessage[]): Promise<void> {
    await applyBatchExactlyOnce(this.repository.pool, batch, async (tx, fresh) => {
      const applied = [
        ...messagesOfType(fresh, OrderCreatedV1),
        ...messagesOfType(fresh, OrderCancelledV1),
      ].map(({ envelope }) => ({ envelope, record: orderRecordFor(envelope) }));
      await this.repository.insertAll(
        tx,
        applied.map(({ record }) => record),
      );
      return applied.map(({ envelope, record }) =>
        outgoingEvent(__EventV1__, statusEventData(record), causedBy(envelope)),
      );
    });
  }
}
