import { Counter, Histogram } from 'prom-client';

/**
 * What the messaging layer counts, on prom-client's default registry (served
 * by each service's GET /metrics). Outcomes of a handled message:
 * - applied: its effect committed now;
 * - duplicate: the inbox already had it (a redelivery), nothing changed;
 * - failed: the handler threw a transient error, the failure policy retries it;
 * - dead-lettered: the handler threw a permanent error (schema, unknown type).
 */
export type HandledOutcome = 'applied' | 'duplicate' | 'failed' | 'dead-lettered';

export const messagesHandled = new Counter({
  name: 'messages_handled_total',
  help: 'Messages taken from a work queue, by queue, event type and outcome',
  labelNames: ['queue', 'type', 'outcome'] as const,
});

export const messageHandlerDuration = new Histogram({
  name: 'message_handler_duration_seconds',
  help: 'Time from delivery to the handler settling (simulated work included), by queue and outcome',
  labelNames: ['queue', 'outcome'] as const,
  buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
});

export const outboxPublished = new Counter({
  name: 'outbox_published_total',
  help: 'Outbox messages the broker confirmed (and the relay marked sent)',
});

export const outboxConnectionResets = new Counter({
  name: 'outbox_connection_resets_total',
  help: 'Times the outbox relay dropped its broker connection for a fresh one (nacked, unanswered or closed)',
});

const EVENT_TYPE = /^[a-z][a-z0-9_.-]{0,80}\.v\d{1,3}$/;

/** The message's event type as a label; anything else is one bucket, so junk cannot grow the series. */
export function eventTypeLabel(message: unknown): string {
  const type = (message as { type?: unknown } | null | undefined)?.type;
  return typeof type === 'string' && EVENT_TYPE.test(type) ? type : 'unknown';
}
