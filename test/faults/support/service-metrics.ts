import { OrderCreatedV1, OrderCreatedV2 } from '@dinner-rush/contracts';
import type { HandledOutcome } from '@dinner-rush/messaging';
import { metricSum } from '@dinner-rush/pipeline-stats';
import { readMetricsText } from '@dinner-rush/testing';

/**
 * One service's messages_handled_total for a queue and outcome (summed over
 * event types), read from its GET /metrics; counts since that process started.
 */
export async function handledCount(
  baseUrl: string,
  operatorToken: string,
  queue: string,
  outcome: HandledOutcome,
): Promise<number> {
  const text = await readMetricsText(baseUrl, operatorToken);
  return metricSum(text, 'messages_handled_total', { queue, outcome }) ?? 0;
}

/**
 * Duplicates that mean a message reached the queue again (a republish or a
 * redelivery). A queue bound to both copies of order.created (v1 and its v2
 * twin share one message id: docs/event-versioning.md) meets the second copy
 * as a duplicate by design, so for such a queue (it has handled v2) those are
 * left out; its other event types still count.
 */
export async function repeatedCount(
  baseUrl: string,
  operatorToken: string,
  queue: string,
): Promise<number> {
  const text = await readMetricsText(baseUrl, operatorToken);
  const handled = (where: Record<string, string>) =>
    metricSum(text, 'messages_handled_total', { queue, ...where }) ?? 0;
  const duplicates = handled({ outcome: 'duplicate' });
  if (handled({ type: OrderCreatedV2.type }) === 0) return duplicates;
  const twins = [OrderCreatedV1.type, OrderCreatedV2.type]
    .map((type) => handled({ type, outcome: 'duplicate' }))
    .reduce((a, b) => a + b, 0);
  return duplicates - twins;
}
