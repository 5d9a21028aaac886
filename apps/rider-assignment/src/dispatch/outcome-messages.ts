import { RiderAssignedV1, RiderDeliveredV1, RiderReleasedV1 } from '@dinner-rush/contracts';
import { outgoingEvent, type OutgoingMessage } from '@dinner-rush/messaging';
import type { DispatchOutcome } from './dispatch-outcome';
import { deliveryTimer } from './delivery-timer';

/**
 * The messages announcing dispatch outcomes. Each keeps the correlation id of
 * the order it is about (a hand-over is about the waiting order, not the one
 * that freed the rider) and names the message that caused it.
 */
export function outcomeMessages(
  outcomes: readonly DispatchOutcome[],
  causationId: string,
  deliveryMs: number,
): OutgoingMessage[] {
  return outcomes.flatMap((outcome): OutgoingMessage[] => {
    const lineage = { correlationId: outcome.correlationId, causationId };
    const { orderId, riderId } = outcome;
    switch (outcome.kind) {
      case 'assigned':
        return [
          outgoingEvent(
            RiderAssignedV1,
            {
              orderId,
              riderId: outcome.riderId,
              riderName: outcome.riderName,
              distanceKm: outcome.distanceKm,
              waitedMs: outcome.waitedMs,
            },
            lineage,
          ),
          deliveryTimer({ orderId, riderId: outcome.riderId }, lineage, deliveryMs),
        ];
      case 'delivered':
        return [outgoingEvent(RiderDeliveredV1, { orderId, riderId: outcome.riderId }, lineage)];
      case 'released':
        return [outgoingEvent(RiderReleasedV1, { orderId, riderId }, lineage)];
    }
  });
}
