import { context, ROOT_CONTEXT, SpanStatusCode, trace, type Link } from '@opentelemetry/api';
import type { Envelope } from '@dinner-rush/contracts';
import type { ApplyBatch } from '../consume/batch/message-batcher';
import { startSpanIn } from './trace-context';

/**
 * A batch is applied in one transaction for messages of many traces, so its
 * span belongs to none of them: a root span linked to each message's process
 * span (each of which, in its own order's trace, lasts until this batch is
 * done). The batch's SQL statements are its children.
 */
export function tracedBatch<E extends Envelope>(name: string, apply: ApplyBatch<E>): ApplyBatch<E> {
  return async (batch) => {
    const links: Link[] = [];
    for (const message of batch) {
      const span = trace.getSpan(message.context);
      if (span) links.push({ context: span.spanContext() });
    }
    const { span, ctx } = startSpanIn(ROOT_CONTEXT, `${name} apply batch`, {
      links,
      attributes: { 'messaging.batch.message_count': batch.length },
    });
    try {
      return await context.with(ctx, () => apply(batch));
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: String(error) });
      throw error;
    } finally {
      span.end();
    }
  };
}
