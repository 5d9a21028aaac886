import { Injectable } from '@nestjs/common';
import { RiderDeliveredV1, type StatusEventData } from '@dinner-rush/contracts';
import {
  applyBatchExactlyOnce,
  PermanentMessageError,
  type BatchMessage,
} from '@dinner-rush/messaging';
import { OrdersRepository } from '../orders/orders.repository';
import { timelineDetails } from '../orders/timeline';

/**
 * Order tracking: every status event about an order becomes one timeline
 * entry, whatever its type, exactly once (inbox by messageId, in the same
 * transaction as the entry), a batch per statement. Only delivery changes the
 * order's status; a cancelled order stays cancelled.
 */
@Injectable()
export class TrackingService {
  constructor(private readonly orders: OrdersRepository) {}

  async record(batch: readonly BatchMessage[]): Promise<void> {
    await applyBatchExactlyOnce(this.orders.pool, batch, async (tx, fresh) => {
      const known = await this.orders.recordStatusEvents(
        tx,
        fresh.map(({ envelope }) => {
          const data = envelope.data as StatusEventData;
          return {
            messageId: envelope.messageId,
            orderId: data.orderId,
            type: envelope.type,
            at: new Date(envelope.occurredAt),
            details: timelineDetails(data),
            delivered: envelope.type === RiderDeliveredV1.type,
          };
        }),
      );
      for (const message of fresh) {
        const { type, messageId, data } = message.envelope;
        const { orderId } = data as StatusEventData;
        // Status events follow the order's own commit, so this order will never appear.
        if (!known.has(orderId.toLowerCase())) {
          const detail = `${type} ${messageId}: no order ${orderId}`;
          message.reject(new PermanentMessageError('unknown-order', detail));
        }
      }
      return [];
    });
  }
}
