import { Injectable } from '@nestjs/common';
import { __EventV1__, causedBy, type Envelope } from '@dinner-rush/contracts';
import { applyExactlyOnce, outgoingEvent } from '@dinner-rush/messaging';
import { orderRecordFor, statusEventData } from './order-record';
import { OrdersRepository } from './orders.repository';

/**
 * Where an order event becomes __name__'s effect. The inbox row, the effect and
 * the status event commit in one transaction, so a redelivered or replayed
 * message changes nothing and the order timeline gets one entry per event.
 */
@Injectable()
export class OrdersService {
  constructor(private readonly repository: OrdersRepository) {}

  async apply(event: Envelope<{ orderId: string }>): Promise<void> {
    await applyExactlyOnce(this.repository.transaction, event, async (tx) => {
      const record = orderRecordFor(event);
      await this.repository.insert(tx, record);
      return [outgoingEvent(__EventV1__, statusEventData(record), causedBy(event))];
    });
  }
}
