/** What happened to one request, in ms since the run started. */
export interface RequestRecord {
  phase: string;
  /** When open-loop arrival wanted it sent (closed loop: when it was sent). */
  dueMs: number;
  /** From due to the full answer: includes any wait for a free connection, so a slow server cannot hide it. */
  latencyMs: number;
  /** HTTP status, or `error:<code>` when no answer came. */
  outcome: number | string;
  invalid: boolean;
  /** The order id and total, when the answer was 201 (or an idempotent replay of it). */
  order?: { id: string; totalCents: number };
  /** For a duplicate sent with the same Idempotency-Key: did it get the first order back? */
  replayOf?: string;
}

export const isAccepted = (record: RequestRecord) =>
  record.outcome === 201 || record.outcome === 200;
