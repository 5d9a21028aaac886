import type { Phase, RampBounds } from '../profiles/profile';
import { percentile } from '@dinner-rush/pipeline-stats';
import type { IntakeClient } from './intake-client';
import { isAccepted } from './request-record';

export interface RampStepFigures {
  rate: number;
  requests: number;
  p99Ms: number;
  errorRate: number;
}

export interface RampOutcome {
  steps: RampStepFigures[];
  /** The last step within both bounds: the highest rate the pipeline took in its stride. */
  knee: RampStepFigures | null;
  stoppedBecause?: 'p99' | 'errors' | 'max-rate';
}

/**
 * Judges the step just finished. Answers still outstanding count with the time
 * they have waited so far (at least that slow), so a step is judged the moment
 * it ends and arrivals never pause.
 */
export function judgeRampStep(
  bounds: RampBounds,
  step: Phase,
  client: IntakeClient,
  nowMs: number,
  previous: RampOutcome | undefined,
): RampOutcome {
  const done = client.records.filter((r) => r.phase === step.name);
  const waiting = [...client.inFlight.values()].filter((r) => r.phase === step.name);
  const latencies = [...done.map((r) => r.latencyMs), ...waiting.map((r) => nowMs - r.dueMs)].sort(
    (a, b) => a - b,
  );
  const failed = done.filter((r) => !isAccepted(r) && !r.invalid).length;
  const figures: RampStepFigures = {
    rate: step.toRate,
    requests: latencies.length,
    p99Ms: percentile(latencies, 99) ?? 0,
    errorRate: latencies.length === 0 ? 0 : failed / latencies.length,
  };
  const steps = [...(previous?.steps ?? []), figures];
  const crossed =
    figures.p99Ms > bounds.p99Ms
      ? 'p99'
      : figures.errorRate > bounds.errorRate
        ? 'errors'
        : undefined;
  const knee = crossed ? (previous?.knee ?? null) : figures;
  const stoppedBecause =
    crossed ?? (step.toRate + bounds.stepRate > bounds.maxRate ? 'max-rate' : undefined);
  return { steps, knee, ...(stoppedBecause ? { stoppedBecause } : {}) };
}
