import { Injectable } from '@nestjs/common';
import { RiderDeliveredV1, type Envelope, type StatusEventData } from '@dinner-rush/contracts';
import { applyExactlyOnce, PermanentMessageError } from '@dinner-rush/messaging';
import { PrismaService, type PrismaTx } from '../database/prisma.service';
import { OrdersRepository } from '../orders/orders.repository';
import { timelineDetails } from '../orders/timeline';

/**
 * Order tracking: every status event about an order becomes one timeline
 * entry, whatever its type, exactly once (inbox by messageId). Only delivery
 * changes the order's status; a cancelled order stays cancelled.
 */
@Injectable()
export class TrackingService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly orders: OrdersRepository,
  ) {}

  async record(envelope: Envelope, data: StatusEventData): Promise<void> {
    await applyExactlyOnce<PrismaTx>(
      (work) => this.prisma.$transaction(work),
      envelope,
      async (tx) => {
        const status = await this.orders.findStatus(tx, data.orderId);
        if (status === undefined) {
          // Status events follow the order's own commit, so this order will never appear.
          throw new PermanentMessageError(
            'unknown-order',
            `${envelope.type} ${envelope.messageId}: no order ${data.orderId}`,
          );
        }
        const at = new Date(envelope.occurredAt);
        await this.orders.addTimelineEntry(tx, {
          messageId: envelope.messageId,
          orderId: data.orderId,
          type: envelope.type,
          at,
          details: timelineDetails(data),
        });
        if (envelope.type === RiderDeliveredV1.type) {
          await this.orders.markDeliveredIfPlaced(tx, data.orderId, at);
        }
        return [];
      },
    );
  }
}
