import { parsePrometheusText, sumOrNull, type Sample } from '@dinner-rush/pipeline-stats';
import { fetchJson, fetchText } from './http-json';

interface ConsumersAdmin {
  workTimeMs: number;
  consumers: { queue: string; paused: boolean }[];
}

/** What one poll learns from one replica of a service: its metrics and, if exposed, its consumers. */
export interface ReplicaReading {
  url: string;
  up: boolean;
  samples: Sample[];
  rssBytes: number | null;
  /** Paused or not, per queue it consumes; null without the admin API (CONSUMER_CONTROL off). */
  paused: Map<string, boolean> | null;
  workTimeMs: number | null;
}

/** `bearer`: the dashboard's operator token (/metrics and /admin are operator-only). */
export async function readReplica(url: string, bearer?: string): Promise<ReplicaReading> {
  const [metrics, admin] = await Promise.allSettled([
    fetchText(`${url}/metrics`, bearer),
    fetchJson<ConsumersAdmin>(`${url}/admin/consumers`, { bearer }),
  ]);
  const samples = metrics.status === 'fulfilled' ? parsePrometheusText(metrics.value) : [];
  return {
    url,
    up: metrics.status === 'fulfilled',
    samples,
    rssBytes: sumOrNull(samples, 'process_resident_memory_bytes'),
    paused:
      admin.status === 'fulfilled'
        ? new Map(admin.value.consumers.map((c) => [c.queue, c.paused]))
        : null,
    workTimeMs: admin.status === 'fulfilled' ? admin.value.workTimeMs : null,
  };
}

/** Every replica of every service, read at once. */
export async function readServices(
  services: [string, string[]][],
  bearer?: string,
): Promise<Map<string, ReplicaReading[]>> {
  const read = await Promise.all(
    services.map(
      async ([name, urls]) =>
        [name, await Promise.all(urls.map((url) => readReplica(url, bearer)))] as const,
    ),
  );
  return new Map(read);
}
