import {
  LedgerRecordedV1,
  MerchantNotifiedV1,
  OrderCreatedV1,
  RiderAssignedV1,
} from '@dinner-rush/contracts';

/** An order as GET /orders answers it (only what the dashboard shows). */
export interface RecentOrder {
  id: string;
  status: string;
  totalCents: number;
  currency: string;
  createdAt: string;
  timeline: { type: string; at: string }[];
}

export interface OrderRow {
  id: string;
  status: string;
  total: string;
  createdAt: string;
  steps: { type: string; afterMs: number }[];
  /** Order created → the last of its three steps, once all three are in. */
  endToEndMs: number | null;
}

/** The three steps every order goes through downstream. */
export const ORDER_STEPS = [RiderAssignedV1.type, MerchantNotifiedV1.type, LedgerRecordedV1.type];

export function toOrderRow(order: RecentOrder): OrderRow {
  const created = Date.parse(order.createdAt);
  const steps = order.timeline
    .filter((step) => step.type !== OrderCreatedV1.type)
    .map((step) => ({ type: step.type, afterMs: Date.parse(step.at) - created }));
  const done = ORDER_STEPS.map((type) => steps.find((step) => step.type === type));
  const endToEndMs = done.every(Boolean) ? Math.max(...done.map((s) => s?.afterMs ?? 0)) : null;
  return {
    id: order.id,
    status: order.status,
    total: `${(order.totalCents / 100).toFixed(2)} ${order.currency}`,
    createdAt: order.createdAt,
    steps,
    endToEndMs,
  };
}

/** Median and p95 of the end-to-end latency of the complete orders among `rows`. */
export function endToEnd(
  rows: OrderRow[],
): { p50Ms: number; p95Ms: number; orders: number } | null {
  const values = rows
    .map((row) => row.endToEndMs)
    .filter((ms): ms is number => ms !== null)
    .sort((a, b) => a - b);
  if (values.length === 0) return null;
  const at = (q: number) => values[Math.min(values.length - 1, Math.floor(q * values.length))] ?? 0;
  return { p50Ms: at(0.5), p95Ms: at(0.95), orders: values.length };
}
