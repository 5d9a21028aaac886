import { collectDefaultMetrics, register } from 'prom-client';

/**
 * Node's default metrics (process_resident_memory_bytes, event-loop lag, GC, …)
 * once per process: in-process tests boot several apps in one process, and
 * prom-client refuses to register the same metric twice.
 */
export function collectProcessMetricsOnce(): void {
  if (register.getSingleMetric('process_resident_memory_bytes')) return;
  collectDefaultMetrics();
}
