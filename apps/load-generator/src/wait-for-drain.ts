import { setTimeout as sleep } from 'node:timers/promises';
import { CONSUMER_QUEUES } from './report/queue-figures';
import type { PipelineSampler } from './sampling/pipeline-sampler';

/**
 * Waits until every consumer queue reads empty in two samples in a row (the
 * management API refreshes its figures every few seconds, so one empty reading
 * can be stale), or the deadline passes. True when drained.
 */
export async function waitForDrain(
  sampler: PipelineSampler,
  deadline: number,
  intervalMs: number,
): Promise<boolean> {
  let emptyInARow = 0;
  while (Date.now() < deadline) {
    const sample = await sampler.sampleOnce();
    const depths = Object.values(CONSUMER_QUEUES).map((queue) => sample.queues?.[queue]?.messages);
    const empty = depths.every((depth) => depth === 0);
    emptyInARow = empty ? emptyInARow + 1 : 0;
    if (emptyInARow >= 2) return true;
    await sleep(intervalMs);
  }
  return false;
}
