import { SpanKind, SpanStatusCode, propagation, type Span } from '@opentelemetry/api';
import type { Options } from 'amqplib';
import { contextFromCarrier, startSpanIn } from '../tracing/trace-context';
import type { OutboxEntry } from './outbox-entry';
import type { RelayConnection } from './relay-connection';
import { settlesWithin } from './settles-within';

/** The confirmed and the unconfirmed ids of one publish, with why the latter failed. */
export interface PublishOutcome {
  confirmed: string[];
  failed: string[];
  reason?: unknown;
}

/**
 * Publishes entries in the order given on the relay's own confirm channel (so the
 * broker sees them in order), persistent and `mandatory`, then waits for the
 * confirms under ONE timer. Never rejects: what was not confirmed in time
 * (a blocked broker, a channel being reopened), or came back unroutable,
 * counts as failed.
 */
export async function publishConfirmed(
  connection: RelayConnection,
  entries: readonly OutboxEntry[],
  timeoutMs: number,
): Promise<PublishOutcome> {
  const outcome: (true | { error: unknown } | undefined)[] = entries.map(() => undefined);
  const spans: Span[] = [];
  const confirms = entries.map((entry, i) => {
    const { span, headers } = publishSpan(entry);
    spans.push(span);
    const options: Options.Publish = {
      persistent: true,
      mandatory: true,
      contentType: 'application/json',
      messageId: entry.messageId,
      correlationId: entry.correlationId,
      type: entry.type,
      timestamp: Math.floor(Date.parse(entry.occurredAt) / 1000),
      headers,
    };
    return connection.publish(entry.exchange, entry.routingKey, entry.content, options).then(
      () => (outcome[i] = true),
      (error: unknown) => (outcome[i] = { error }),
    );
  });
  await settlesWithin(Promise.all(confirms), timeoutMs);
  const result: PublishOutcome = { confirmed: [], failed: [] };
  entries.forEach((entry, i) => {
    const settled = outcome[i];
    let failure: unknown;
    if (settled === true && !connection.returned.take(entry)) {
      result.confirmed.push(entry.id);
    } else if (settled === true) {
      failure = new Error(`unroutable: no queue is bound for ${entry.routingKey}`);
    } else {
      failure = settled?.error ?? new Error(`no confirm within ${timeoutMs} ms`);
    }
    if (failure !== undefined) {
      result.failed.push(entry.id);
      result.reason ??= failure;
      spans[i]?.setStatus({
        code: SpanStatusCode.ERROR,
        message: failure instanceof Error ? failure.message : 'not confirmed',
      });
    }
    spans[i]?.end();
  });
  return result;
}

/**
 * The publish span of one row, a child of the trace the row was written in
 * (an outbox breaks automatic propagation: the relay restores it), and the
 * AMQP headers (`traceparent`, `tracestate`) that carry it to the consumers.
 * It lasts until the broker's confirm.
 */
function publishSpan(entry: OutboxEntry): { span: Span; headers: Record<string, string> } {
  const { span, ctx } = startSpanIn(
    contextFromCarrier(entry.traceContext),
    `${entry.exchange} publish`,
    {
      kind: SpanKind.PRODUCER,
      attributes: {
        'messaging.system': 'rabbitmq',
        'messaging.operation.type': 'send',
        'messaging.destination.name': entry.exchange,
        'messaging.rabbitmq.destination.routing_key': entry.routingKey,
        'messaging.message.id': entry.messageId,
        'messaging.message.conversation_id': entry.correlationId,
      },
    },
  );
  const headers: Record<string, string> = {};
  propagation.inject(ctx, headers);
  return { span, headers };
}
