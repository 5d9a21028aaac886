import {
  LedgerRecordedV1,
  MerchantNotifiedV1,
  OrderCreatedV1,
  RiderAssignedV1,
} from '@dinner-rush/contracts';
import { percentile } from '@dinner-rush/pipeline-stats';

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
  /** The order's trace in the tracing UI, when one is configured. */
  traceUrl: string | null;
}

/** The three steps every order goes through downstream. */
export const ORDER_STEPS = [RiderAssignedV1.type, MerchantNotifiedV1.type, LedgerRecordedV1.type];

/**
 * Jaeger's search for the order's trace: the relay's publish of its
 * order.created carries the order id as its conversation id, and the trace
 * found holds every span of the order (see libs/messaging/src/tracing).
 */
export function traceSearchUrl(tracesUiUrl: string, orderId: string): string {
  const tags = JSON.stringify({ 'messaging.message.conversation_id': orderId });
  return `${tracesUiUrl.replace(/\/$/, '')}/search?service=order-service&tags=${encodeURIComponent(tags)}`;
}

export function toOrderRow(order: RecentOrder, tracesUiUrl?: string): OrderRow {
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
    traceUrl: tracesUiUrl ? traceSearchUrl(tracesUiUrl, order.id) : null,
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
  const at = (p: number) => percentile(values, p) ?? 0;
  return { p50Ms: at(50), p95Ms: at(95), orders: values.length };
}
