/** Nearest-rank percentile of an ascending list; null when there is nothing to rank. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? null;
}

export interface LatencySummary {
  count: number;
  p50: number | null;
  p90: number | null;
  p99: number | null;
  max: number | null;
}

/** p50/p90/p99/max of a list of ms (rounded to 0.1 ms), nulls when there is nothing to summarise. */
export function summarise(values: readonly number[]): LatencySummary {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => {
    const value = percentile(sorted, p);
    return value === null ? null : Math.round(value * 10) / 10;
  };
  return { count: sorted.length, p50: at(50), p90: at(90), p99: at(99), max: at(100) };
}

/** Counts in `buckets` equal-width buckets from 0 to the maximum, for a latency distribution chart. */
export function histogram(
  values: readonly number[],
  buckets = 30,
): { fromMs: number; count: number }[] {
  if (values.length === 0) return [];
  // A loop, not Math.max(...values): a spread of 100k arguments overflows the stack.
  const max = values.reduce((top, value) => Math.max(top, value), 0);
  const width = Math.max(1, Math.ceil(max / buckets));
  const counts = new Array<number>(Math.floor(max / width) + 1).fill(0);
  for (const value of values) {
    const bucket = Math.floor(Math.max(0, value) / width);
    counts[bucket] = (counts[bucket] ?? 0) + 1;
  }
  return counts.map((count, index) => ({ fromMs: index * width, count }));
}
