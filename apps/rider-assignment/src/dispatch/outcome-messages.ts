import { RiderAssignedV1, RiderDeliveredV1, RiderReleasedV1 } from '@dinner-rush/contracts';
import { outgoingEvent, type OutgoingMessage } from '@dinner-rush/messaging';
import type { DispatchOutcome } from './dispatch-outcome';
import { deliveryTimer } from './delivery-timer';

/**
 * The messages announcing dispatch outcomes, plus one delivery timer for all
 * the rides they started. Each event keeps the correlation id of the order it
 * is about (a hand-over is about the waiting order, not the one that freed
 * the rider) and names the message that caused it.
 */
export function outcomeMessages(
  outcomes: readonly DispatchOutcome[],
  deliveryMs: number,
): OutgoingMessage[] {
  const messages = outcomes.map((outcome): OutgoingMessage => {
    const lineage = { correlationId: outcome.correlationId, causationId: outcome.causationId };
    const { orderId, riderId } = outcome;
    switch (outcome.kind) {
      case 'assigned':
        return outgoingEvent(
          RiderAssignedV1,
          {
            orderId,
            riderId: outcome.riderId,
            riderName: outcome.riderName,
            distanceKm: outcome.distanceKm,
            waitedMs: outcome.waitedMs,
          },
          lineage,
        );
      case 'delivered':
        return outgoingEvent(RiderDeliveredV1, { orderId, riderId: outcome.riderId }, lineage);
      case 'released':
        return outgoingEvent(RiderReleasedV1, { orderId, riderId }, lineage);
    }
  });
  const rides = outcomes.flatMap((o) => (o.kind === 'assigned' ? [o] : []));
  return rides.length > 0 ? [...messages, deliveryTimer(rides, deliveryMs)] : messages;
}
