import {
  auditPipeline,
  getJson,
  mapLimit,
  pollOrders,
  type AcceptedOrder,
  type AuditedOrderView,
} from '@dinner-rush/audit';
import { doubledSteps, isDelivered } from '../shared/pipeline-steps';

export interface CompletedOrders {
  /** Accepted orders delivered with every step, not lost and not applied twice. */
  complete: number;
  /** Orders not yet delivered when the final snapshot was taken (then waited for). */
  pendingAtSnapshot: number;
  lost: string[];
  doubleApplied: string[];
}

const TIMEOUT_MS = 120_000;

/**
 * After the final snapshot: every accepted order must be delivered with all
 * five steps in its timeline, each once (GET /orders/:id), and libs/audit's
 * audit (the first three steps and each order's ledger journal) must pass.
 */
export async function checkCompleted(
  urls: { orderService: string; ledger: string; bearer: string },
  accepted: readonly AcceptedOrder[],
): Promise<CompletedOrders> {
  const ids = accepted.map((order) => order.id);
  // One pass first: what the final snapshot saw (the quiet signal should mean all delivered).
  const first = await mapLimit(ids, 8, (id) =>
    getJson<AuditedOrderView>(`${urls.orderService}/orders/${id}`, urls.bearer),
  );
  const pendingAtSnapshot = first.filter((r) => r.status !== 200 || !isDelivered(r.body)).length;
  const polled = await pollOrders<AuditedOrderView>(urls.orderService, ids, isDelivered, {
    timeoutMs: TIMEOUT_MS,
    intervalMs: 500,
    concurrency: 8,
    bearer: urls.bearer,
  });
  const doubled = [...polled.views.values()]
    .filter((view) => doubledSteps(view).length > 0)
    .map((view) => view.id);
  const audit = await auditPipeline(urls, accepted, { timeoutMs: TIMEOUT_MS, concurrency: 8 });
  const lost = [...new Set([...polled.pending, ...audit.lost])];
  const doubleApplied = [...new Set([...doubled, ...audit.doubleApplied])];
  const bad = new Set([...lost, ...doubleApplied, ...audit.debitMismatch]);
  return {
    complete: accepted.length - bad.size,
    pendingAtSnapshot,
    lost,
    doubleApplied,
  };
}
