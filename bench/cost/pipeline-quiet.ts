import { Queues } from '@dinner-rush/contracts';
import { metricSum } from '@dinner-rush/pipeline-stats';
import { readMetricsText } from '@dinner-rush/testing';
import type { QueueDepths } from '../shared/queue-depths';

/** Status events order-service has applied so far (its own counter: exact, and cheap to read). */
export async function appliedStatusEvents(
  orderUrl: string,
  operatorToken: string,
): Promise<number> {
  const text = await readMetricsText(orderUrl, operatorToken);
  return (
    metricSum(text, 'messages_handled_total', {
      queue: Queues.orderTracking.queue,
      outcome: 'applied',
    }) ?? 0
  );
}

/**
 * Waits until order-service has applied `target` status events (every step of
 * every order, the last being rider.delivered.v1) and then every queue reads
 * empty. Deliberately not GET /orders/:id per order: those reads would be
 * counted in the window's CPU and transactions; the timelines are checked
 * after the final snapshot instead.
 */
export async function untilPipelineQuiet(
  orderUrl: string,
  operatorToken: string,
  target: number,
  depths: QueueDepths<string>,
  timeoutMs: number,
): Promise<{ waitedMs: number; reached: boolean }> {
  const started = Date.now();
  const deadline = started + timeoutMs;
  let applied = await appliedStatusEvents(orderUrl, operatorToken);
  while (applied < target && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    applied = await appliedStatusEvents(orderUrl, operatorToken);
  }
  const left = deadline - Date.now();
  const emptied = applied >= target && left > 0 ? await depths.untilEmpty(left) : null;
  return { waitedMs: Date.now() - started, reached: emptied !== null };
}
