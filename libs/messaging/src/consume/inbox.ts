import type { Envelope } from '@dinner-rush/contracts';
import { outboxCommitted } from '../outbox/outbox-signal';
import { enqueueOutbox } from '../outbox/outbox-writer';
import type { OutgoingMessage } from '../outbox/outgoing-message';
import type { RawSqlClient } from '../raw-sql-client';
import { holdAfterCommit } from './fault-injection';
import { noteDuplicate } from './handling-context';

/** Runs `work` in one database transaction (each app passes its Prisma client's). */
export type TransactionRunner<Tx extends RawSqlClient> = (
  work: (tx: Tx) => Promise<void>,
) => Promise<void>;

/**
 * Applies a message's effect exactly once: the message id goes into the inbox
 * in the same transaction as the effect and the status events it causes (the
 * service's outbox). A redelivery finds the id and changes nothing, so the
 * caller may ack either way. Returns whether the effect was applied now.
 */
export async function applyExactlyOnce<Tx extends RawSqlClient>(
  transaction: TransactionRunner<Tx>,
  envelope: Envelope,
  effect: (tx: Tx) => Promise<readonly OutgoingMessage[]>,
): Promise<boolean> {
  let applied = false;
  let enqueued = 0;
  await transaction(async (tx) => {
    const inserted = await tx.$executeRawUnsafe(
      'INSERT INTO inbox (message_id, type) VALUES ($1::uuid, $2) ON CONFLICT DO NOTHING',
      envelope.messageId,
      envelope.type,
    );
    if (inserted === 0) {
      noteDuplicate();
      return;
    }
    const messages = await effect(tx);
    await enqueueOutbox(tx, messages);
    enqueued = messages.length;
    applied = true;
  });
  if (enqueued > 0) outboxCommitted();
  await holdAfterCommit(); // test-only window between commit and ack (see fault-injection.ts)
  return applied;
}
