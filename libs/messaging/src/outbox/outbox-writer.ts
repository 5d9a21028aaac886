import type { RawSqlClient } from '../raw-sql-client';
import type { OutgoingMessage } from './outgoing-message';

/** The outbox columns a writer fills, in the order of outboxRowValues(). */
export const OUTBOX_INSERT_COLUMNS = '(message_id, aggregate_id, exchange, routing_key, payload)';

/** `($n::uuid, …)` placeholders for one outbox row whose values start at parameter `first`. */
export function outboxRowPlaceholders(first: number): string {
  const n = first;
  return `($${n}::uuid, $${n + 1}, $${n + 2}, $${n + 3}, $${n + 4}::jsonb)`;
}

/**
 * One outbox row's parameter values. The aggregate (ordering) key is the
 * correlation id: the relay publishes one order's messages in order.
 */
export function outboxRowValues({ exchange, routingKey, envelope }: OutgoingMessage): unknown[] {
  return [
    envelope.messageId,
    envelope.correlationId,
    exchange,
    routingKey,
    JSON.stringify(envelope),
  ];
}

/**
 * Adds messages to the outbox inside the caller's transaction, so they commit
 * or vanish together with the change they report. One statement for the lot.
 */
export async function enqueueOutbox(
  tx: RawSqlClient,
  messages: readonly OutgoingMessage[],
): Promise<void> {
  if (messages.length === 0) return;
  const rows: string[] = [];
  const values: unknown[] = [];
  for (const message of messages) {
    rows.push(outboxRowPlaceholders(values.length + 1));
    values.push(...outboxRowValues(message));
  }
  await tx.$executeRawUnsafe(
    `INSERT INTO outbox ${OUTBOX_INSERT_COLUMNS} VALUES ${rows.join(', ')}`,
    ...values,
  );
}
