import type { RawSqlClient } from '../raw-sql-client';
import type { OutgoingMessage } from './outgoing-message';

/**
 * Adds messages to the outbox inside the caller's transaction, so they commit
 * or vanish together with the change they report. The aggregate (ordering) key
 * is the correlation id: the relay publishes one order's messages in order.
 */
export async function enqueueOutbox(
  tx: RawSqlClient,
  messages: readonly OutgoingMessage[],
): Promise<void> {
  if (messages.length === 0) return;
  const rows: string[] = [];
  const values: unknown[] = [];
  for (const { exchange, routingKey, envelope } of messages) {
    const n = values.length;
    rows.push(`($${n + 1}::uuid, $${n + 2}, $${n + 3}, $${n + 4}, $${n + 5}::jsonb)`);
    values.push(
      envelope.messageId,
      envelope.correlationId,
      exchange,
      routingKey,
      JSON.stringify(envelope),
    );
  }
  await tx.$executeRawUnsafe(
    `INSERT INTO outbox (message_id, aggregate_id, exchange, routing_key, payload) VALUES ${rows.join(', ')}`,
    ...values,
  );
}
