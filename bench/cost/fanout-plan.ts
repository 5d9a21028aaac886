/**
 * How the floor's raw client routes its messages so that it publishes and
 * delivers exactly as many as the pipeline did: every message goes to `base`
 * queues, and `extra` of them (spread evenly) to one more. Queue i is bound
 * to the routing keys of every fan-out above i, so a message with fan-out f
 * reaches queues 0 … f-1.
 */
export interface FanoutPlan {
  publishes: number;
  deliveries: number;
  /** Queues to declare: the largest fan-out. */
  queues: number;
  /** The number of queues the n-th message (0-based) reaches. */
  fanoutOf(n: number): number;
}

export function planFanout(publishes: number, deliveries: number): FanoutPlan {
  if (
    !Number.isInteger(publishes) ||
    !Number.isInteger(deliveries) ||
    publishes < 0 ||
    deliveries < 0
  )
    throw new Error(`publishes and deliveries must be counts, got ${publishes} and ${deliveries}`);
  if (publishes === 0) {
    if (deliveries > 0) throw new Error(`${deliveries} deliveries cannot come from no publish`);
    return { publishes, deliveries, queues: 0, fanoutOf: () => 0 };
  }
  const base = Math.floor(deliveries / publishes);
  const extra = deliveries - base * publishes;
  // Bresenham's spacing: the n-th message takes one more queue when the running share of `extra` steps up.
  const fanoutOf = (n: number) =>
    base + Math.floor(((n + 1) * extra) / publishes) - Math.floor((n * extra) / publishes);
  return { publishes, deliveries, queues: base + (extra > 0 ? 1 : 0), fanoutOf };
}

/** The routing key of a message with fan-out f, and the keys queue i (0-based) is bound to. */
export const fanoutKey = (fanout: number): string => `floor.fanout-${fanout}`;

export function bindingsOf(queueIndex: number, plan: FanoutPlan): string[] {
  return Array.from({ length: plan.queues - queueIndex }, (_, k) => fanoutKey(queueIndex + 1 + k));
}
