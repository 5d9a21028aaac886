/** What a dispatch decision changed, to be announced (mapped to messages by DispatchService). */
export type DispatchOutcome =
  | {
      kind: 'assigned';
      orderId: string;
      correlationId: string;
      riderId: string;
      riderName: string;
      distanceKm: number;
      waitedMs: number;
    }
  | { kind: 'delivered'; orderId: string; correlationId: string; riderId: string }
  | { kind: 'released'; orderId: string; correlationId: string; riderId: string | null };
