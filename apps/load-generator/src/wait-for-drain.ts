import { setTimeout as sleep } from 'node:timers/promises';
import { CONSUMER_QUEUES } from './report/queue-figures';
import type { PipelineSample } from './sampling/pipeline-sampler';

/**
 * How long every consumer queue must read empty before it counts as drained:
 * longer than the management plugin's statistics interval (5 s by default),
 * since until its next refresh it can report a queue empty that is not (two
 * readings a second apart can be the same stale figure).
 */
export const DRAIN_QUIET_MS = 6_000;

/** The sample's consumer queues (a scaffolded consumer's too), and always the pipeline's own. */
function queuesToDrain(sample: PipelineSample): string[] {
  return [...new Set([...Object.values(CONSUMER_QUEUES), ...(sample.consumerQueues ?? [])])];
}

/**
 * Waits until every consumer queue has read empty, reading after reading, for
 * DRAIN_QUIET_MS, or the deadline passes. True when drained.
 */
export async function waitForDrain(
  sampler: { sampleOnce(): Promise<PipelineSample> },
  deadline: number,
  intervalMs: number,
  now: () => number = Date.now,
): Promise<boolean> {
  let emptySince: number | undefined;
  while (now() < deadline) {
    const sample = await sampler.sampleOnce();
    const empty = queuesToDrain(sample).every((queue) => sample.queues?.[queue]?.messages === 0);
    emptySince = empty ? (emptySince ?? now()) : undefined;
    if (emptySince !== undefined && now() - emptySince >= DRAIN_QUIET_MS) return true;
    await sleep(intervalMs);
  }
  return false;
}
