import type { TraceCarrier } from '../tracing/trace-context';

/**
 * An outbox row ready to publish as-is: the envelope is the exact JSON text
 * stored in the row (serialised once), the AMQP properties come from its fields.
 */
export interface OutboxEntry {
  id: string;
  exchange: string;
  routingKey: string;
  content: Buffer;
  messageId: string;
  correlationId: string;
  type: string;
  occurredAt: string;
  /** The trace the row was written in (outbox `trace_context`): its publish continues it. */
  traceContext?: TraceCarrier;
}

/**
 * How long a row belongs to the relay that claimed it before another may
 * publish it. A writer claims its own rows at insert and publishes them right
 * after commit; if it dies first, its rows wait out the rest of this lease.
 * It only has to outlast one publish (PUBLISH_TIMEOUT_MS) and one sweep.
 */
export const OUTBOX_LEASE_MS = 12_000;
export const PUBLISH_TIMEOUT_MS = OUTBOX_LEASE_MS / 2;
