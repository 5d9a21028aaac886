import type { LoadProfile, RampBounds } from './profile';

/** Constant rate. */
export function steadyProfile(rate: number, durationS: number): LoadProfile {
  return {
    name: 'steady',
    phases: [{ name: 'steady', durationS, fromRate: rate, toRate: rate }],
    burstPhases: [],
  };
}

/** Baseline, then `multiplier`× the baseline for `burstS`, then baseline again while the queues drain. */
export function spikeProfile(options: {
  rate: number;
  multiplier: number;
  warmupS: number;
  burstS: number;
  cooldownS: number;
}): LoadProfile {
  const { rate, multiplier, warmupS, burstS, cooldownS } = options;
  const peak = rate * multiplier;
  return {
    name: 'spike',
    phases: [
      { name: 'baseline', durationS: warmupS, fromRate: rate, toRate: rate },
      { name: 'burst', durationS: burstS, fromRate: peak, toRate: peak },
      { name: 'after-burst', durationS: cooldownS, fromRate: rate, toRate: rate },
    ].filter((phase) => phase.durationS > 0),
    burstPhases: ['burst'],
  };
}

/** Steps of `stepRate` more every `stepS` from `rate`, until a bound in `bounds` is crossed. */
export function rampProfile(rate: number, bounds: RampBounds): LoadProfile {
  return {
    name: 'ramp',
    phases: [rampStep(rate, bounds.stepS)],
    burstPhases: [],
    ramp: bounds,
  };
}

export function rampStep(rate: number, stepS: number) {
  return { name: `ramp-${rate}`, durationS: stepS, fromRate: rate, toRate: rate };
}
