import type { PgTx } from '../pg-transaction';
import { traceCarrierOf, type TraceCarrier } from '../tracing/trace-context';
import { OUTBOX_LEASE_MS, type OutboxEntry } from './outbox-entry';
import type { OutgoingMessage } from './outgoing-message';
import { outboxCommitted } from './outbox-signal';

/** An outgoing message serialised once: the same JSON text is stored and published. */
export interface PreparedOutboxRow {
  message: OutgoingMessage;
  json: string;
  /** Stored with the row (trace_context) so the relay's publish continues this trace. */
  traceContext?: TraceCarrier;
}

/** What the outbox INSERT answers for each row. */
export interface InsertedOutboxRow {
  id: string;
  message_id: string;
  routing_key: string;
  claimed: boolean;
}

/** Call where the message is written: the active trace is the one its publish continues. */
export function prepareOutboxRow(message: OutgoingMessage): PreparedOutboxRow {
  return {
    message,
    json: JSON.stringify(message.envelope),
    traceContext: message.traceContext ?? traceCarrierOf(),
  };
}

const LEASE = `now() + interval '${OUTBOX_LEASE_MS} milliseconds'`;

/** The SQL of a writer's claim on a row it inserts (for writers with a statement of their own). */
export function outboxLease(): string {
  return LEASE;
}

/**
 * The rows arrive as one JSON array (one parameter, so the statement text never
 * changes). Each row is claimed by the writer at insert, so it can publish the
 * row itself right after commit, unless an earlier row of the same aggregate
 * (order) is still in the outbox: that one must reach the broker first, so
 * this one is left to the relay's claim, which waits for it (OutboxStore.claim).
 * The aggregate (ordering) key is the correlation id.
 */
const INSERT_OUTBOX_ROWS = `
INSERT INTO outbox (message_id, aggregate_id, exchange, routing_key, payload, claimed_until,
                    trace_context)
SELECT m.message_id, m.aggregate_id, m.exchange, m.routing_key, m.payload,
       CASE WHEN EXISTS (SELECT 1 FROM outbox p WHERE p.aggregate_id = m.aggregate_id)
            THEN NULL ELSE ${LEASE} END,
       m.trace_context
  FROM ROWS FROM (jsonb_to_recordset($1::jsonb)
         AS (message_id uuid, aggregate_id text, exchange text, routing_key text, payload jsonb,
             trace_context jsonb))
       WITH ORDINALITY AS m(message_id, aggregate_id, exchange, routing_key, payload,
                            trace_context, n)
 ORDER BY m.n
RETURNING id::text, message_id::text, routing_key, claimed_until IS NOT NULL AS claimed`;

/** The JSON array INSERT_OUTBOX_ROWS (or a writer's own INSERT) reads, around each payload's text. */
export function outboxRowsJson(rows: readonly PreparedOutboxRow[]): string {
  const items = rows.map(
    ({ message, json, traceContext }) =>
      `{"message_id":${JSON.stringify(message.envelope.messageId)},` +
      `"aggregate_id":${JSON.stringify(message.envelope.correlationId)},` +
      `"exchange":${JSON.stringify(message.exchange)},` +
      `"routing_key":${JSON.stringify(message.routingKey)},` +
      `"trace_context":${JSON.stringify(traceContext ?? null)},"payload":${json}}`,
  );
  return `[${items.join(',')}]`;
}

/**
 * Adds messages to the outbox inside the caller's transaction, so they commit
 * or vanish with the change they report (one statement for the lot), and hands
 * them to this process's relay once the transaction has committed.
 */
export async function enqueueOutbox(tx: PgTx, messages: readonly OutgoingMessage[]): Promise<void> {
  if (messages.length === 0) return;
  const rows = messages.map(prepareOutboxRow);
  const inserted = await tx.query<InsertedOutboxRow>(INSERT_OUTBOX_ROWS, [outboxRowsJson(rows)]);
  tx.afterCommit(() => outboxCommitted(tx.pool, committedEntries(rows, inserted)));
}

/** After COMMIT: the rows this writer claimed (to publish now) and how many it left to the relay. */
export function committedEntries(
  rows: readonly PreparedOutboxRow[],
  inserted: readonly InsertedOutboxRow[],
): { claimed: OutboxEntry[]; unclaimed: number } {
  // By id and routing key: the copies of one fact in two versions share a message id.
  const byMessage = new Map(
    rows.map((row) => [
      `${row.message.envelope.messageId.toLowerCase()} ${row.message.routingKey}`,
      row,
    ]),
  );
  const claimed: OutboxEntry[] = [];
  let unclaimed = 0;
  for (const row of inserted) {
    const prepared = byMessage.get(`${row.message_id} ${row.routing_key}`);
    if (!row.claimed || !prepared) {
      unclaimed += 1;
      continue;
    }
    const { message, json, traceContext } = prepared;
    claimed.push({
      id: row.id,
      exchange: message.exchange,
      routingKey: message.routingKey,
      content: Buffer.from(json),
      messageId: message.envelope.messageId,
      correlationId: message.envelope.correlationId,
      type: message.envelope.type,
      occurredAt: message.envelope.occurredAt,
      traceContext,
    });
  }
  return { claimed, unclaimed };
}

/** The outbox columns a writer fills, in the order of a writer's own INSERT (order intake). */
export const OUTBOX_INSERT_COLUMNS =
  '(message_id, aggregate_id, exchange, routing_key, payload, claimed_until, trace_context)';
