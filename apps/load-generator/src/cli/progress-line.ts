import type { IntakeClient } from '../driver/intake-client';
import { isAccepted } from '../driver/request-record';
import { CONSUMER_QUEUES } from '../report/queue-figures';
import type { PipelineSampler } from '../sampling/pipeline-sampler';

/**
 * One line, rewritten every second, on a terminal only (a pipe or CI log gets
 * nothing): phase, requests, accepted, in flight, recent p99, each consumer
 * queue's depth and each service's handled count.
 */
export function startProgressLine(
  stage: () => string,
  client: IntakeClient,
  sampler: PipelineSampler,
  clock: () => number,
): () => void {
  if (!process.stdout.isTTY) return () => undefined;
  const draw = () => {
    const recent = client.records
      .slice(-500)
      .map((r) => r.latencyMs)
      .sort((a, b) => a - b);
    const p99 = recent[Math.max(0, Math.ceil(recent.length * 0.99) - 1)];
    const queues = sampler.latest?.queues;
    const depths = Object.entries(CONSUMER_QUEUES)
      .map(([consumer, queue]) => `${consumer.split(' ')[0]} ${queues?.[queue]?.messages ?? '?'}`)
      .join(' · ');
    const handled = Object.entries(sampler.latest?.services ?? {})
      .filter(([, s]) => s.handled !== null)
      .map(([name, s]) => `${name} ${s.handled}`)
      .join(' · ');
    const line =
      `${(clock() / 1000).toFixed(0)}s ${stage()} | sent ${client.records.length} ` +
      `ok ${client.records.filter(isAccepted).length} in-flight ${client.inFlight.size} ` +
      `p99 ${p99 === undefined ? '–' : Math.round(p99)}ms | queues ${depths}` +
      (handled ? ` | handled ${handled}` : '');
    process.stdout.write(`\r\x1b[2K${line.slice(0, process.stdout.columns || 200)}`);
  };
  const timer = setInterval(draw, 1000);
  return () => {
    clearInterval(timer);
    process.stdout.write('\r\x1b[2K');
  };
}
