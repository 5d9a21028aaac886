/**
 * A load profile is a sequence of phases, each a rate that moves linearly from
 * `fromRate` to `toRate` orders/s over `durationS`. Steady, spike and file
 * profiles are a fixed list; a ramp decides its next step from the last one.
 */
export interface Phase {
  name: string;
  durationS: number;
  fromRate: number;
  toRate: number;
}

/** When a ramp stops: the knee is the last step that stayed within both bounds. */
export interface RampBounds {
  p99Ms: number;
  /** Share of requests (0..1) answered non-2xx or failed. */
  errorRate: number;
  maxRate: number;
  stepRate: number;
  stepS: number;
}

export interface LoadProfile {
  name: string;
  phases: Phase[];
  /** Phase names that make up the burst, for the drain time after it. */
  burstPhases: string[];
  /** Set for a ramp: `phases` holds its first step, the driver adds steps until a bound is crossed. */
  ramp?: RampBounds;
}

export function profileDurationS(profile: LoadProfile): number {
  return profile.phases.reduce((sum, phase) => sum + phase.durationS, 0);
}
