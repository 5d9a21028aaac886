import { percentile } from '@dinner-rush/pipeline-stats';
import type { IntakeClient } from '../driver/intake-client';
import { isAccepted } from '../driver/request-record';
import { CONSUMER_QUEUES } from '../report/queue-figures';
import type { PipelineSampler } from '../sampling/pipeline-sampler';

/** Often enough to show a run is alive, rarely enough to keep a CI log short. */
const HEARTBEAT_MS = 5_000;

/**
 * Phase, requests, accepted, in flight, recent p99, each consumer queue's
 * depth and each service's handled count: on a terminal one line rewritten
 * every second; anywhere else (a pipe, a CI log) a plain line on stderr every
 * few seconds, so a long phase never looks hung and the log stays readable.
 */
export function startProgressLine(
  stage: () => string,
  client: IntakeClient,
  sampler: PipelineSampler,
  clock: () => number,
): () => void {
  const terminal = process.stdout.isTTY === true;
  const status = () => {
    const recent = client.records
      .slice(-500)
      .map((r) => r.latencyMs)
      .sort((a, b) => a - b);
    const p99 = percentile(recent, 99);
    const queues = sampler.latest?.queues;
    const depths = Object.entries(CONSUMER_QUEUES)
      .map(([consumer, queue]) => `${consumer.split(' ')[0]} ${queues?.[queue]?.messages ?? '?'}`)
      .join(' · ');
    const handled = Object.entries(sampler.latest?.services ?? {})
      .filter(([, s]) => s.handled !== null)
      .map(([name, s]) => `${name} ${s.handled}`)
      .join(' · ');
    return (
      `${(clock() / 1000).toFixed(0)}s ${stage()} | sent ${client.records.length} ` +
      `ok ${client.records.filter(isAccepted).length} in-flight ${client.inFlight.size} ` +
      `p99 ${p99 === null ? '–' : Math.round(p99)}ms | queues ${depths}` +
      (handled ? ` | handled ${handled}` : '')
    );
  };
  if (!terminal) {
    const timer = setInterval(() => console.error(status()), HEARTBEAT_MS);
    return () => clearInterval(timer);
  }
  const timer = setInterval(
    () => process.stdout.write(`\r\x1b[2K${status().slice(0, process.stdout.columns || 200)}`),
    1000,
  );
  return () => {
    clearInterval(timer);
    process.stdout.write('\r\x1b[2K');
  };
}
