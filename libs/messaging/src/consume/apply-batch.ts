import type { Pool } from 'pg';
import { enqueueOutbox } from '../outbox/outbox-writer';
import type { OutgoingMessage } from '../outbox/outgoing-message';
import { inPgTransaction, type PgTx } from '../pg-transaction';
import { traceCarrierOf } from '../tracing/trace-context';
import type { BatchMessage } from './batch/batch-message';
import { holdAfterCommit, holdInTransaction } from './fault-injection';

/**
 * Ids in one statement, sorted: two batches that share ids (a redelivery, two
 * replicas) then take their row locks in the same order and never deadlock.
 */
const RECORD_IN_INBOX = `
INSERT INTO inbox (message_id, type)
SELECT m.id, m.type FROM unnest($1::uuid[], $2::text[]) AS m(id, type) ORDER BY m.id
ON CONFLICT DO NOTHING
RETURNING message_id::text`;

const FORGET_IN_INBOX = 'DELETE FROM inbox WHERE message_id = ANY($1::uuid[])';

/**
 * Applies a batch's effects exactly once, in ONE transaction: one inbox
 * statement records every message id (a redelivered one is already there: it
 * is marked duplicate and left out), `effect` applies the fresh ones
 * (set-based, in delivery order) and returns the status events they cause,
 * which go to the outbox in one statement. After COMMIT the outbox rows are
 * handed to the relay; the caller's batch is then acked.
 *
 * A message the effect rejects (a fact only the database knows, such as an
 * unknown order) is taken out of the inbox again before COMMIT, so its retry
 * or replay is not mistaken for a duplicate.
 */
export async function applyBatchExactlyOnce<M extends BatchMessage>(
  pool: Pool,
  batch: readonly M[],
  effect: (tx: PgTx, fresh: readonly M[]) => Promise<readonly OutgoingMessage[]>,
): Promise<void> {
  const open = batch.filter((message) => !message.rejected);
  if (open.length === 0) return;
  await inPgTransaction(pool, async (tx) => {
    const fresh = await recordInInbox(tx, open);
    if (fresh.length === 0) return;
    const outgoing = await effect(tx, fresh);
    const rejected = fresh.filter((message) => message.rejected);
    if (rejected.length > 0) {
      await tx.execute(FORGET_IN_INBOX, [rejected.map((m) => m.envelope.messageId)]);
    }
    await enqueueOutbox(
      tx,
      outgoing.map((message) => inTraceOfCause(message, fresh)),
    );
    await holdInTransaction(); // test-only window before COMMIT (see fault-injection.ts)
  });
  await holdAfterCommit(); // test-only window between commit and ack (see fault-injection.ts)
}

/**
 * A status event continues the trace of the message that caused it (its
 * causation id; else the batch's message of the same order), so one order's
 * trace runs from its POST through every consumer and back to order-service.
 */
function inTraceOfCause(message: OutgoingMessage, batch: readonly BatchMessage[]): OutgoingMessage {
  if (message.traceContext) return message;
  const { causationId, correlationId } = message.envelope;
  const cause =
    batch.find((m) => m.envelope.messageId === causationId) ??
    batch.find((m) => m.envelope.correlationId === correlationId);
  const traceContext = cause && traceCarrierOf(cause.context);
  return traceContext ? { ...message, traceContext } : message;
}

/** The messages whose ids were new to the inbox; the others are marked duplicate. */
async function recordInInbox<M extends BatchMessage>(tx: PgTx, batch: readonly M[]): Promise<M[]> {
  const rows = await tx.query<{ message_id: string }>(RECORD_IN_INBOX, [
    batch.map((message) => message.envelope.messageId),
    batch.map((message) => message.envelope.type),
  ]);
  const inserted = new Set(rows.map((row) => row.message_id));
  const fresh: M[] = [];
  for (const message of batch) {
    const id = message.envelope.messageId.toLowerCase();
    // The same id twice in one batch: the first copy applies, the second is a duplicate.
    if (inserted.delete(id)) fresh.push(message);
    else message.markDuplicate();
  }
  return fresh;
}
