import { consumerQueueNamed, serviceOfQueue } from '@dinner-rush/contracts';
import { drainRate, type QueueRound } from '@dinner-rush/pipeline-stats';
import type { ReplicaReading } from './service-probe';
import type { ConsumerView } from './snapshot';

/**
 * One row per consumer work queue, whatever number of replicas consume it:
 * the broker's figures are the queue's (all its consumers together), the
 * service's are added up over the replicas the dashboard reaches. A queue
 * whose service it cannot reach still shows its depth and consumers.
 */
export function consumerRows(
  queues: readonly string[],
  round: QueueRound | null,
  services: Map<string, ReplicaReading[]>,
): ConsumerView[] {
  return queues.map((queue) => {
    const service = serviceOfQueue(queue);
    const replicas = services.get(service) ?? [];
    const up = replicas.filter((r) => r.up);
    const reading = round?.queues[queue];
    const withAdmin = replicas.filter((r) => r.paused?.has(queue));
    const rss = up.map((r) => r.rssBytes).filter((b): b is number => b !== null);
    return {
      queue,
      service,
      replicas: replicas.length,
      replicasUp: up.length,
      messages: reading?.messages ?? 0,
      unacked: reading?.unacked ?? null,
      consumers: reading?.consumers ?? 0,
      publishRate: reading?.publishRate ?? null,
      drainRate: reading ? drainRate(reading) : 0,
      deadLetters: round?.queues[consumerQueueNamed(queue).deadLetterQueue]?.messages ?? 0,
      paused: withAdmin.length ? withAdmin.filter((r) => r.paused?.get(queue)).length : null,
      workTimeMs: withAdmin[0]?.workTimeMs ?? null,
      rssBytes: rss.length ? rss.reduce((a, b) => a + b, 0) : null,
    };
  });
}
