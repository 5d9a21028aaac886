import { sumOf, type Sample } from '@dinner-rush/pipeline-stats';

const POST_ORDERS = { method: 'POST', route: '/orders' };
const HISTOGRAM = 'http_request_duration_seconds';

export interface IntakeWindow {
  /** Orders accepted per second since the previous scrape. */
  ratePerSec: number;
  /** POST /orders latency over the same window (null when no request came in). */
  avgMs: number | null;
  p95Ms: number | null;
}

/**
 * Intake between two scrapes of order-service's /metrics: the accepted-order
 * counter's increase, and POST /orders latency from the histogram's increase
 * (p95 as the upper bound of the bucket that holds it).
 */
export function intakeBetween(
  previous: Sample[],
  current: Sample[],
  seconds: number,
): IntakeWindow {
  const delta = (name: string, where: Record<string, string> = {}) =>
    Math.max(0, sumOf(current, name, where) - sumOf(previous, name, where));
  const accepted = delta('orders_accepted_total');
  const count = delta(`${HISTOGRAM}_count`, POST_ORDERS);
  const sum = delta(`${HISTOGRAM}_sum`, POST_ORDERS);
  return {
    ratePerSec: seconds > 0 ? Math.round((accepted / seconds) * 10) / 10 : 0,
    avgMs: count > 0 ? Math.round((sum / count) * 1000) : null,
    p95Ms: count > 0 ? p95(previous, current, count) : null,
  };
}

function p95(previous: Sample[], current: Sample[], count: number): number | null {
  const bounds = [
    ...new Set(
      current
        .filter((s) => s.name === `${HISTOGRAM}_bucket` && s.labels.le !== '+Inf')
        .map((s) => Number(s.labels.le)),
    ),
  ].sort((a, b) => a - b);
  for (const le of bounds) {
    const where = { ...POST_ORDERS, le: String(le) };
    const within =
      sumOf(current, `${HISTOGRAM}_bucket`, where) - sumOf(previous, `${HISTOGRAM}_bucket`, where);
    if (within >= 0.95 * count) return Math.round(le * 1000);
  }
  return null; // beyond the largest bucket
}
