import { Injectable } from '@nestjs/common';
import { RiderDeliveredV1, type Envelope, type StatusEventData } from '@dinner-rush/contracts';
import { noteDuplicate, PermanentMessageError } from '@dinner-rush/messaging';
import { OrdersRepository } from '../orders/orders.repository';
import { timelineDetails } from '../orders/timeline';

/**
 * Order tracking: every status event about an order becomes one timeline
 * entry, whatever its type, exactly once (inbox by messageId, in the same
 * statement as the entry). Only delivery changes the order's status; a
 * cancelled order stays cancelled.
 */
@Injectable()
export class TrackingService {
  constructor(private readonly orders: OrdersRepository) {}

  async record(envelope: Envelope, data: StatusEventData): Promise<void> {
    const outcome = await this.orders.recordStatusEvent(
      {
        messageId: envelope.messageId,
        orderId: data.orderId,
        type: envelope.type,
        at: new Date(envelope.occurredAt),
        details: timelineDetails(data),
      },
      envelope.type === RiderDeliveredV1.type,
    );
    if (outcome === 'duplicate') noteDuplicate();
    if (outcome === 'unknown-order') {
      // Status events follow the order's own commit, so this order will never appear.
      throw new PermanentMessageError(
        'unknown-order',
        `${envelope.type} ${envelope.messageId}: no order ${data.orderId}`,
      );
    }
  }
}
