import { setTimeout as sleep } from 'node:timers/promises';
import type { PlannedOrder } from '../orders/order-mix';
import { rampStep } from '../profiles/built-in-profiles';
import type { LoadProfile, Phase } from '../profiles/profile';
import { phaseArrivals } from '../profiles/rate-schedule';
import type { IntakeClient } from './intake-client';
import { judgeRampStep, type RampOutcome } from './ramp-judge';

export interface DriveOptions {
  closedLoop: boolean;
  connections: number;
  clock: () => number;
  nextOrder: (n: number) => PlannedOrder;
}

export interface DriveResult {
  /** The phases actually run, with their start (ms since the run started). */
  phases: (Phase & { startMs: number })[];
  ramp?: RampOutcome;
}

/** Runs every phase of the profile (a ramp: step after step until a bound is crossed), then waits for answers. */
export async function driveProfile(
  profile: LoadProfile,
  client: IntakeClient,
  options: DriveOptions,
): Promise<DriveResult> {
  const run: DriveResult['phases'] = [];
  const pending = new Set<Promise<void>>();
  let sent = 0;
  let carry = 0;
  const fire = (phase: string, dueMs: number) => {
    const request = client.send(options.nextOrder(sent++), phase, dueMs);
    pending.add(request);
    void request.finally(() => pending.delete(request));
  };

  let ramp: RampOutcome | undefined;
  let phase: Phase | undefined = profile.phases[0];
  for (let index = 0; phase;) {
    const startMs = options.clock();
    run.push({ ...phase, startMs });
    if (options.closedLoop) await closedLoopPhase(phase, startMs, client, options, () => sent++);
    else carry = await openLoopPhase(phase, startMs, carry, options.clock, fire);
    if (profile.ramp) {
      ramp = judgeRampStep(profile.ramp, phase, client, options.clock(), ramp);
      const next = phase.toRate + profile.ramp.stepRate;
      phase = ramp.stoppedBecause ? undefined : rampStep(next, profile.ramp.stepS);
    } else {
      phase = profile.phases[++index];
    }
  }
  await Promise.all(pending);
  return { phases: run, ...(ramp ? { ramp } : {}) };
}

async function openLoopPhase(
  phase: Phase,
  startMs: number,
  carry: number,
  clock: () => number,
  fire: (phase: string, dueMs: number) => void,
): Promise<number> {
  const arrivals = phaseArrivals(phase, carry);
  for (const offset of arrivals.offsetsMs) {
    const dueMs = startMs + offset;
    const wait = dueMs - clock();
    if (wait > 1) await sleep(wait);
    fire(phase.name, dueMs);
  }
  const rest = startMs + phase.durationS * 1000 - clock();
  if (rest > 0) await sleep(rest);
  return arrivals.carry;
}

/** `connections` clients each send their next order as soon as the last is answered. */
async function closedLoopPhase(
  phase: Phase,
  startMs: number,
  client: IntakeClient,
  options: DriveOptions,
  nextNumber: () => number,
): Promise<void> {
  const endMs = startMs + phase.durationS * 1000;
  const worker = async () => {
    while (options.clock() < endMs) {
      await client.send(options.nextOrder(nextNumber()), phase.name, options.clock());
    }
  };
  await Promise.all(Array.from({ length: options.connections }, worker));
}
