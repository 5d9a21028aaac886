import {
  context,
  createContextKey,
  propagation,
  ROOT_CONTEXT,
  trace,
  type Context,
  type Span,
  type SpanOptions,
} from '@opentelemetry/api';

/**
 * W3C trace context as text (`traceparent`, `tracestate`): what an outbox row
 * stores and an AMQP message carries in its headers. Empty when tracing is off
 * (no propagator is registered), so nothing is stored or sent then.
 */
export type TraceCarrier = Record<string, string>;

/** The messaging spans' tracer (a no-op until @dinner-rush/telemetry starts the SDK). */
export const messagingTracer = trace.getTracer('@dinner-rush/messaging');

/** What the message being handled adds to every log line written while it is (see logLineFields). */
export interface MessageLogFields {
  messageId: string;
  correlationId: string;
}

const MESSAGE_LOG_FIELDS = createContextKey('dinner-rush.message-log-fields');

/** `ctx` carrying the log fields of the message handled in it. */
export function withMessageLogFields(ctx: Context, fields: MessageLogFields): Context {
  return ctx.setValue(MESSAGE_LOG_FIELDS, fields);
}

/**
 * The fields a log line written now carries: `trace_id` and `span_id` of the
 * active span, `messageId` and `correlationId` of the message being handled.
 * Empty when tracing is off (no context manager keeps the active context).
 */
export function logLineFields(): Record<string, string> {
  const active = context.active();
  const span = trace.getSpan(active)?.spanContext();
  const message = active.getValue(MESSAGE_LOG_FIELDS) as MessageLogFields | undefined;
  return {
    ...(span && trace.isSpanContextValid(span) && { trace_id: span.traceId, span_id: span.spanId }),
    ...message,
  };
}

/** The carrier of `ctx` (the active context by default), or undefined when there is nothing to carry. */
export function traceCarrierOf(ctx: Context = context.active()): TraceCarrier | undefined {
  const carrier: TraceCarrier = {};
  propagation.inject(ctx, carrier);
  return carrier.traceparent ? carrier : undefined;
}

/** The context a stored carrier or a message's headers describe (the root when they carry none). */
export function contextFromCarrier(carrier: unknown): Context {
  if (!carrier || typeof carrier !== 'object') return ROOT_CONTEXT;
  const text: TraceCarrier = {};
  for (const [key, value] of Object.entries(carrier as Record<string, unknown>)) {
    // AMQP headers may arrive as buffers.
    if (typeof value === 'string') text[key] = value;
    else if (Buffer.isBuffer(value)) text[key] = value.toString('utf8');
  }
  return propagation.extract(ROOT_CONTEXT, text);
}

/** Starts a span under `parent` and answers the span with the context it is active in. */
export function startSpanIn(
  parent: Context,
  name: string,
  options: SpanOptions,
): { span: Span; ctx: Context } {
  const span = messagingTracer.startSpan(name, options, parent);
  return { span, ctx: trace.setSpan(parent, span) };
}
