import { summarise, type LatencySummary } from '@dinner-rush/pipeline-stats';
import type { Sample } from '../shared/open-loop';

/** What the customer saw in one run. */
export interface RunSummary {
  requests: number;
  /** 2xx answers. */
  succeeded: number;
  /** Answers by HTTP status ("0" = no answer: refused, reset, timed out). */
  byStatus: Record<string, number>;
  /** Share of requests that did not get a 2xx (0..1). */
  errorRate: number;
  /** 2xx answers per second, from the first request due to the last answer. */
  throughputPerS: number;
  /** Latency of every request, answered or not: the customer waits either way. */
  latencyMs: LatencySummary;
  /** Latency of the successful ones only. */
  successLatencyMs: LatencySummary;
}

export function summarizeRun(samples: readonly Sample[]): RunSummary {
  const byStatus: Record<string, number> = {};
  for (const sample of samples) byStatus[sample.status] = (byStatus[sample.status] ?? 0) + 1;
  const ok = samples.filter((s) => s.status >= 200 && s.status < 300);
  const spanMs = Math.max(1, ...samples.map((s) => s.dueMs + s.latencyMs));
  return {
    requests: samples.length,
    succeeded: ok.length,
    byStatus,
    errorRate: samples.length === 0 ? 0 : round3(1 - ok.length / samples.length),
    throughputPerS: round3(ok.length / (spanMs / 1_000)),
    latencyMs: summarise(samples.map((s) => s.latencyMs)),
    successLatencyMs: summarise(ok.map((s) => s.latencyMs)),
  };
}

function round3(value: number): number {
  return Math.round(value * 1_000) / 1_000;
}
