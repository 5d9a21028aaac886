import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { z } from 'zod';
import type { LoadProfile } from './profile';

const Rate = z.number().nonnegative();
const PhaseSchema = z.union([
  z.object({ name: z.string().optional(), durationS: z.number().positive(), rate: Rate }),
  z.object({
    name: z.string().optional(),
    durationS: z.number().positive(),
    fromRate: Rate,
    toRate: Rate,
  }),
]);

/**
 * A custom shape: `{ "phases": [{ "durationS": 10, "rate": 5 },
 * { "name": "rush", "durationS": 20, "fromRate": 5, "toRate": 80 }], "burst": ["rush"] }`.
 * A phase is constant (`rate`) or a linear ramp (`fromRate` → `toRate`).
 */
export const ProfileFileSchema = z.object({
  name: z.string().optional(),
  phases: z.array(PhaseSchema).min(1),
  burst: z.array(z.string()).default([]),
});

export function parseProfileFile(json: unknown, fallbackName: string): LoadProfile {
  const file = ProfileFileSchema.parse(json);
  const phases = file.phases.map((phase, index) => ({
    name: phase.name ?? `phase-${index + 1}`,
    durationS: phase.durationS,
    fromRate: 'rate' in phase ? phase.rate : phase.fromRate,
    toRate: 'rate' in phase ? phase.rate : phase.toRate,
  }));
  const unknown = file.burst.filter((name) => !phases.some((phase) => phase.name === name));
  if (unknown.length > 0) throw new Error(`burst names no phase: ${unknown.join(', ')}`);
  return { name: file.name ?? fallbackName, phases, burstPhases: file.burst };
}

export function readProfileFile(path: string): LoadProfile {
  return parseProfileFile(JSON.parse(readFileSync(path, 'utf8')), basename(path, '.json'));
}
