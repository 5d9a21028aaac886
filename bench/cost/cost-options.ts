import { benchArgs } from '../shared/bench-args';

export interface CostOptions {
  ratePerS: number;
  durationS: number;
  warmupS: number;
  idleS: number;
  fleet: number;
  deliveryMs: number;
  out: string;
}

/** rider-assignment refuses a bigger fleet (RIDER_FLEET_SIZE in its config). */
export const MAX_FLEET = 1_000;

/**
 * Riders enough that none is ever waited for: each ride holds a rider for
 * `deliveryMs`, so `rate × delivery s` are out at once; twice that leaves
 * room for bursts. Waiting orders would add work (the waiting line) that
 * has nothing to do with the pipeline's cost per order.
 */
export function defaultFleet(ratePerS: number, deliveryMs: number): number {
  return Math.min(MAX_FLEET, Math.max(1, Math.ceil(((ratePerS * deliveryMs) / 1_000) * 2)));
}

export function costOptions(argv: readonly string[]): CostOptions {
  const args = benchArgs(argv, {
    rate: '60',
    duration: '30',
    warmup: '5',
    idle: '10',
    fleet: '',
    'delivery-ms': '1000',
    out: 'bench/results/cost.json',
  });
  const number = (name: keyof typeof args, min: number): number => {
    const value = Number(args[name]);
    if (!Number.isFinite(value) || value < min)
      throw new Error(`--${name}: expected a number ≥ ${min}, got "${args[name]}"`);
    return value;
  };
  const ratePerS = number('rate', 0.1);
  const deliveryMs = number('delivery-ms', 1);
  return {
    ratePerS,
    durationS: number('duration', 1),
    warmupS: number('warmup', 0),
    idleS: number('idle', 1),
    fleet: args.fleet
      ? Math.min(MAX_FLEET, number('fleet', 1))
      : defaultFleet(ratePerS, deliveryMs),
    deliveryMs,
    out: args.out,
  };
}
