import type { AcceptedOrder } from '@dinner-rush/audit';
import { fireOpenLoop, type OrderStream } from '../shared/open-loop';
import { summarise, type LatencySummary } from '@dinner-rush/pipeline-stats';

export interface PlacedOrders {
  accepted: AcceptedOrder[];
  /** Requests not answered 201 (refused, timed out). */
  refused: number;
  intakeMs: LatencySummary;
}

/**
 * POST /orders at a steady open-loop rate. `firstOrder` continues the order
 * factory's sequence where the previous phase stopped, so no two phases send
 * the same bodies.
 */
export async function placeOrders(
  orderUrl: string,
  ratePerS: number,
  durationS: number,
  orders: OrderStream,
  firstOrder: number,
): Promise<PlacedOrders> {
  const samples = await fireOpenLoop({
    url: `${orderUrl}/orders`,
    ratePerS,
    durationS,
    timeoutMs: 30_000,
    bodyFor: (n) => orders.bodyFor(firstOrder + n),
    tokenFor: orders.tokenFor,
  });
  const accepted = samples.flatMap((sample): AcceptedOrder[] => {
    const order = sample.body as Partial<AcceptedOrder> | undefined;
    return sample.status === 201 &&
      typeof order?.id === 'string' &&
      typeof order.totalCents === 'number'
      ? [{ id: order.id, totalCents: order.totalCents }]
      : [];
  });
  return {
    accepted,
    refused: samples.length - accepted.length,
    intakeMs: summarise(samples.map((s) => s.latencyMs)),
  };
}
