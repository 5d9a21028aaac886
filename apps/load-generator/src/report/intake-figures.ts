import { isAccepted, type RequestRecord } from '../driver/request-record';
import type { Phase } from '../profiles/profile';
import { summarise, type LatencySummary } from '@dinner-rush/pipeline-stats';

export interface IntakeFigures {
  requests: number;
  accepted: number;
  /** Non-2xx answers and failures, by status (or `error:<code>`), invalid test orders included. */
  rejected: Record<string, number>;
  latencyMs: LatencySummary;
  invalidSent: number;
  /** Orders built to be refused that were accepted: a validation hole. */
  invalidAccepted: number;
  duplicatesSent: number;
  /** Duplicates (same Idempotency-Key) answered with a different order: the order was placed twice. */
  duplicatesNewOrder: string[];
  perPhase: {
    name: string;
    rate: number;
    requests: number;
    accepted: number;
    latencyMs: LatencySummary;
  }[];
}

export interface IntakeSecond {
  tS: number;
  /** Requests due in this second (the offered load). */
  offered: number;
  /** Answers accepted in this second. */
  accepted: number;
  failed: number;
  p50Ms: number | null;
  p99Ms: number | null;
}

export function intakeFigures(
  records: readonly RequestRecord[],
  phases: readonly Phase[],
): IntakeFigures {
  const rejected: Record<string, number> = {};
  for (const record of records.filter((r) => !isAccepted(r))) {
    rejected[String(record.outcome)] = (rejected[String(record.outcome)] ?? 0) + 1;
  }
  const duplicates = records.filter((r) => r.replayOf !== undefined);
  return {
    requests: records.length,
    accepted: records.filter(isAccepted).length,
    rejected,
    latencyMs: summarise(records.map((r) => r.latencyMs)),
    invalidSent: records.filter((r) => r.invalid).length,
    invalidAccepted: records.filter((r) => r.invalid && isAccepted(r)).length,
    duplicatesSent: duplicates.length,
    duplicatesNewOrder: duplicates
      .filter((r) => r.order && r.order.id !== r.replayOf)
      .map((r) => r.order?.id ?? ''),
    perPhase: phases.map((phase) => {
      const own = records.filter((r) => r.phase === phase.name);
      return {
        name: phase.name,
        rate: phase.toRate,
        requests: own.length,
        accepted: own.filter(isAccepted).length,
        latencyMs: summarise(own.map((r) => r.latencyMs)),
      };
    }),
  };
}

/** Per-second series for the charts: offered and accepted rate, failures, latency. */
export function intakeSeries(records: readonly RequestRecord[]): IntakeSecond[] {
  const seconds = new Map<number, RequestRecord[]>();
  for (const record of records) {
    const second = Math.floor(record.dueMs / 1000);
    const bucket = seconds.get(second) ?? [];
    bucket.push(record);
    seconds.set(second, bucket);
  }
  const last = Math.max(-1, ...seconds.keys());
  return Array.from({ length: last + 1 }, (_, tS) => {
    const own = seconds.get(tS) ?? [];
    const latency = summarise(own.map((r) => r.latencyMs));
    return {
      tS,
      offered: own.length,
      accepted: own.filter(isAccepted).length,
      failed: own.filter((r) => !isAccepted(r) && !r.invalid).length,
      p50Ms: latency.p50,
      p99Ms: latency.p99,
    };
  });
}
