/**
 * What a dispatch decision changed, to be announced (mapped to messages by
 * outcomeMessages). Each names the message that caused it.
 */
export type DispatchOutcome =
  | {
      kind: 'assigned';
      orderId: string;
      correlationId: string;
      causationId: string;
      riderId: string;
      riderName: string;
      distanceKm: number;
      waitedMs: number;
    }
  | {
      kind: 'delivered';
      orderId: string;
      correlationId: string;
      causationId: string;
      riderId: string;
    }
  | {
      kind: 'released';
      orderId: string;
      correlationId: string;
      causationId: string;
      riderId: string | null;
    };
