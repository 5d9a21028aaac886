import { getJson, mapLimit } from './http-json';

export interface PolledOrders<TView> {
  /** The last view read of every order. */
  views: Map<string, TView>;
  /** Orders still not done when the deadline passed (lost, as far as the caller can tell). */
  pending: string[];
}

export interface PollOptions {
  timeoutMs: number;
  intervalMs: number;
  concurrency?: number;
  /** An access token that may read every order (an operator's). */
  bearer?: string;
}

/**
 * Reads GET /orders/:id for every order, a bounded number at a time, until
 * `isDone` holds for each or the deadline passes, re-reading only those not done.
 */
export async function pollOrders<TView extends { id: string }>(
  baseUrl: string,
  ids: readonly string[],
  isDone: (view: TView) => boolean,
  { timeoutMs, intervalMs, concurrency = 16, bearer }: PollOptions,
): Promise<PolledOrders<TView>> {
  const views = new Map<string, TView>();
  let pending = [...ids];
  const deadline = Date.now() + timeoutMs;
  while (pending.length > 0 && Date.now() < deadline) {
    const read = await mapLimit(pending, concurrency, async (id) => ({
      id,
      ...(await getJson<TView>(`${baseUrl}/orders/${id}`, bearer)),
    }));
    // Keyed by the id asked for: an order that answers 404 stays pending (it is lost), not undefined.
    read.forEach(({ id, status, body }) => status === 200 && views.set(id, body));
    pending = read
      .filter(({ status, body }) => status !== 200 || !isDone(body))
      .map(({ id }) => id);
    if (pending.length > 0) await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return { views, pending };
}
