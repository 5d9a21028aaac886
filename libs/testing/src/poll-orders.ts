import { getJson, mapLimit } from './http';

export interface PolledOrders<TView> {
  /** The last view read of every order. */
  views: Map<string, TView>;
  /** Orders still not done when the deadline passed (lost, as far as the caller can tell). */
  pending: string[];
}

/**
 * Reads GET /orders/:id for every order, a bounded number at a time, until
 * `isDone` holds for each or the deadline passes, re-reading only those not done.
 */
export async function pollOrders<TView extends { id: string }>(
  baseUrl: string,
  ids: readonly string[],
  isDone: (view: TView) => boolean,
  {
    timeoutMs,
    intervalMs,
    concurrency = 16,
  }: { timeoutMs: number; intervalMs: number; concurrency?: number },
): Promise<PolledOrders<TView>> {
  const views = new Map<string, TView>();
  let pending = [...ids];
  const deadline = Date.now() + timeoutMs;
  while (pending.length > 0 && Date.now() < deadline) {
    const read = await mapLimit(
      pending,
      concurrency,
      async (id) => (await getJson<TView>(`${baseUrl}/orders/${id}`)).body,
    );
    read.forEach((view) => views.set(view.id, view));
    pending = read.filter((view) => !isDone(view)).map((view) => view.id);
    if (pending.length > 0) await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return { views, pending };
}
