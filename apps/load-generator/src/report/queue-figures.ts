import { Queues } from '@dinner-rush/contracts';
import { drainRate } from '@dinner-rush/pipeline-stats';
import type { PipelineSample } from '../sampling/pipeline-sampler';

/**
 * The work queues of the four consumers `npm start` has always run, by consumer
 * (what waiting for the drain watches). The report itself covers every
 * consumer queue the samples found: `consumerQueuesSeen`.
 */
export const CONSUMER_QUEUES = {
  'rider-assignment': Queues.riderAssignment.queue,
  'merchant-notify': Queues.merchantNotify.queue,
  ledger: Queues.ledger.queue,
  'order-service (tracking)': Queues.orderTracking.queue,
} as const;

export interface DrainFigures {
  burstEndS: number;
  /** Seconds from the end of the burst until the queue was back to its pre-burst depth; null if never. */
  drainTimeS: number | null;
  peakDepth: number;
  /**
   * Mean messages/s out while draining: acknowledgements (the consumer's own
   * pace) from the management API, else the fall in depth between samples.
   */
  drainRatePerS: number | null;
  /** Backlog ÷ drain rate: what the drain time should be if the consumer kept its pace. */
  expectedDrainS: number | null;
}

export interface QueueFigures {
  /** Highest depth (ready + unacknowledged) seen per queue, every queue in the vhost. */
  peakDepth: Record<string, number>;
  /** Messages in dead-letter queues at the last sample. */
  deadLettered: Record<string, number>;
  /** Per consumer queue seen, when the profile had a burst. */
  drain: Record<string, DrainFigures> | null;
  /** Drain time of the slowest consumer queue. */
  drainTimeS: number | null;
}

const depth = (sample: PipelineSample, queue: string) => sample.queues?.[queue]?.messages;

/**
 * Every consumer work queue any sample found (bound to the order exchanges,
 * or registered in contracts when read over AMQP), customer-notify and a
 * scaffolded consumer included, in a stable order.
 */
export function consumerQueuesSeen(samples: readonly PipelineSample[]): string[] {
  return [...new Set(samples.flatMap((sample) => sample.consumerQueues ?? []))].sort();
}

export function queueFigures(
  samples: readonly PipelineSample[],
  burst: { startMs: number; endMs: number } | null,
): QueueFigures {
  const peakDepth: Record<string, number> = {};
  for (const sample of samples) {
    for (const [name, queue] of Object.entries(sample.queues ?? {})) {
      peakDepth[name] = Math.max(peakDepth[name] ?? 0, queue.messages);
    }
  }
  const last = [...samples].reverse().find((sample) => sample.queues);
  const deadLettered = Object.fromEntries(
    Object.entries(last?.queues ?? {})
      .filter(([name]) => name.endsWith('.dlq'))
      .map(([name, queue]) => [name, queue.messages]),
  );
  if (!burst) return { peakDepth, deadLettered, drain: null, drainTimeS: null };
  const drain = Object.fromEntries(
    consumerQueuesSeen(samples).map((queue) => [queue, drainOf(samples, queue, burst)]),
  );
  const times = Object.values(drain).map((figures) => figures.drainTimeS);
  // No queue read at all is not a drain in no time.
  const drainTimeS =
    times.length === 0 || times.some((t) => t === null)
      ? null
      : Math.max(0, ...(times as number[]));
  return { peakDepth, deadLettered, drain, drainTimeS };
}

/**
 * Drained = back to at most the deepest the queue got before the burst (the
 * baseline's own in-flight messages), at the first sample after the burst ended.
 */
function drainOf(
  samples: readonly PipelineSample[],
  queue: string,
  burst: { startMs: number; endMs: number },
): DrainFigures {
  const known = samples.filter((s) => depth(s, queue) !== undefined);
  const before = known.filter((s) => s.tMs < burst.startMs).map((s) => depth(s, queue) ?? 0);
  const baseline = Math.max(0, ...before);
  const fromBurst = known.filter((s) => s.tMs >= burst.startMs);
  const peakDepth = Math.max(0, ...fromBurst.map((s) => depth(s, queue) ?? 0));
  const drained = known.find((s) => s.tMs >= burst.endMs && (depth(s, queue) ?? 0) <= baseline);
  const draining = known.filter((s) => s.tMs >= burst.endMs && (!drained || s.tMs <= drained.tMs));
  const rates = draining
    .map((s) => s.queues?.[queue])
    .map((reading) => (reading ? drainRate(reading) : 0))
    .filter((rate) => rate > 0);
  const drainRatePerS = rates.length ? rates.reduce((a, b) => a + b, 0) / rates.length : null;
  return {
    burstEndS: round1(burst.endMs / 1000),
    drainTimeS: drained ? round1((drained.tMs - burst.endMs) / 1000) : null,
    peakDepth,
    drainRatePerS: drainRatePerS === null ? null : round1(drainRatePerS),
    expectedDrainS: drainRatePerS
      ? round1(Math.max(0, peakDepth - baseline) / drainRatePerS)
      : null,
  };
}

const round1 = (value: number) => Math.round(value * 10) / 10;

/** Peak resident memory per service over the run; null for a service without /metrics. */
export function peakRss(samples: readonly PipelineSample[]): Record<string, number | null> {
  const peaks: Record<string, number | null> = {};
  for (const sample of samples) {
    for (const [name, service] of Object.entries(sample.services)) {
      const seen = peaks[name] ?? null;
      peaks[name] = service.rssBytes === null ? seen : Math.max(seen ?? 0, service.rssBytes);
    }
  }
  return peaks;
}
