import type { DepthSample } from '../shared/queue-depths';

export interface StepObservation {
  ratePerS: number;
  durationS: number;
  requests: number;
  succeeded: number;
  /** Depth samples of the queues watched, keyed by whatever names the caller chose. */
  depths: readonly DepthSample<string>[];
}

export interface KeepUpVerdict {
  keptUp: boolean;
  /** Why not, in words; empty when it kept up. */
  reasons: string[];
  /** Orders accepted per second over the step. */
  acceptedPerS: number;
  /** Least-squares growth of each queue over the step's second half, messages per second. */
  growthPerS: Partial<Record<string, number>>;
  endDepths: Partial<Record<string, number>>;
}

/**
 * Whether the pipeline kept up with a steady rate: intake took (almost) every
 * order at that rate, and no consumer queue grew over the second half of the
 * step (the first half may still hold the start-up ramp) nor ended deeper than
 * two seconds' worth of orders. "Growing" is a slope above 5 % of the rate (at
 * least 1 message/s) in a queue ending more than a second's worth of orders
 * deep, so sampling noise in a shallow queue is not read as a trend.
 */
export function judgeKeepUp(step: StepObservation): KeepUpVerdict {
  const reasons: string[] = [];
  const acceptedPerS = step.succeeded / step.durationS;
  if (step.succeeded < step.requests * 0.99) {
    reasons.push(`intake refused ${step.requests - step.succeeded} of ${step.requests}`);
  }
  if (acceptedPerS < step.ratePerS * 0.95) {
    reasons.push(`intake took ${acceptedPerS.toFixed(1)}/s of ${step.ratePerS}/s`);
  }
  const secondHalf = step.depths.filter((d) => d.atMs >= (step.durationS * 1_000) / 2);
  const last = step.depths.at(-1);
  const growthPerS: Partial<Record<string, number>> = {};
  const endDepths: Partial<Record<string, number>> = {};
  for (const queue of Object.keys(last?.depths ?? {})) {
    const points = secondHalf.flatMap((d) => {
      const depth = d.depths[queue];
      return depth === null || depth === undefined ? [] : [{ x: d.atMs / 1_000, y: depth }];
    });
    const growth = slope(points);
    growthPerS[queue] = Math.round(growth * 10) / 10;
    endDepths[queue] = last?.depths[queue] ?? 0;
    // A queue a second's worth of orders deep or less is keeping pace, whatever it wiggles.
    const shallow = (endDepths[queue] ?? 0) <= Math.max(10, step.ratePerS);
    if (growth > Math.max(1, step.ratePerS * 0.05) && !shallow) {
      reasons.push(`${queue} queue grew ${growth.toFixed(1)}/s`);
    }
    if ((endDepths[queue] ?? 0) > Math.max(20, step.ratePerS * 2)) {
      reasons.push(`${queue} queue ended ${endDepths[queue]} deep`);
    }
  }
  return {
    keptUp: reasons.length === 0,
    reasons,
    acceptedPerS: Math.round(acceptedPerS),
    growthPerS,
    endDepths,
  };
}

/** Least-squares slope of y over x; 0 with fewer than two points. */
export function slope(points: readonly { x: number; y: number }[]): number {
  if (points.length < 2) return 0;
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  if (sxx === 0) return 0;
  return points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0) / sxx;
}
