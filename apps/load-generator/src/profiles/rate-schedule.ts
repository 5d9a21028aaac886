import type { Phase } from './profile';

/**
 * Arrival times (ms from the phase start) for an open-loop phase: the n-th
 * request is due when the integral of the rate reaches n. `carry` is the
 * fraction of a request owed from earlier phases, so a chain of phases keeps
 * the exact average rate across its boundaries.
 */
export function phaseArrivals(phase: Phase, carry = 0): { offsetsMs: number[]; carry: number } {
  const { durationS: d, fromRate: a, toRate: b } = phase;
  const total = d * (a + b) * 0.5;
  const offsetsMs: number[] = [];
  // Cumulative arrivals N(t) = a·t + (b − a)·t² / 2d; solve N(t) = k − carry for each whole k.
  for (let k = 1; k - carry <= total + 1e-9; k++) {
    const target = k - carry;
    const slope = (b - a) / d;
    const t =
      Math.abs(slope) < 1e-12
        ? target / a
        : (-a + Math.sqrt(Math.max(0, a * a + 2 * slope * target))) / slope;
    offsetsMs.push(Math.min(t, d) * 1000);
  }
  return { offsetsMs, carry: carry + total - offsetsMs.length };
}

/** The rate (orders/s) a phase asks for `s` seconds after its start. */
export function rateAt(phase: Phase, s: number): number {
  return phase.fromRate + ((phase.toRate - phase.fromRate) * s) / phase.durationS;
}
