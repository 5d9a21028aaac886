import type { WatchedService } from '../services';
import { fetchJson, fetchText } from './http-json';
import { parsePrometheusText, sumOf, type Sample } from './prometheus-text';

interface ConsumersAdmin {
  workTimeMs: number;
  consumers: { queue: string; paused: boolean }[];
}

/** What one poll learns from a service itself: its metrics and, if exposed, its consumer state. */
export interface ServiceReading {
  up: boolean;
  samples: Sample[];
  rssBytes: number | null;
  paused: boolean | null;
  workTimeMs: number | null;
}

export async function readService(service: WatchedService): Promise<ServiceReading> {
  const [metrics, admin] = await Promise.allSettled([
    fetchText(`${service.url}/metrics`),
    fetchJson<ConsumersAdmin>(`${service.url}/admin/consumers`),
  ]);
  const samples = metrics.status === 'fulfilled' ? parsePrometheusText(metrics.value) : [];
  const consumer =
    admin.status === 'fulfilled'
      ? admin.value.consumers.find((c) => c.queue === service.queue)
      : undefined;
  return {
    up: metrics.status === 'fulfilled',
    samples,
    rssBytes: samples.length > 0 ? sumOf(samples, 'process_resident_memory_bytes') : null,
    paused: consumer?.paused ?? null,
    workTimeMs: admin.status === 'fulfilled' ? admin.value.workTimeMs : null,
  };
}
