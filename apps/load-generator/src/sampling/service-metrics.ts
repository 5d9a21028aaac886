/** What a service's GET /metrics (Prometheus text) says about its memory and progress. */
export interface ServiceSample {
  /** /health answered 200. */
  up: boolean;
  /** process_resident_memory_bytes; null when the service exposes no /metrics. */
  rssBytes: number | null;
  /** messages_handled_total summed over queues, types and outcomes (consumers). */
  handled: number | null;
  /** orders_accepted_total (order service). */
  accepted: number | null;
  /** outbox_published_total (every service with an outbox). */
  published: number | null;
}

/** Sum of every sample of `metric` (all label sets); null when the metric is absent. */
export function metricSum(text: string, metric: string): number | null {
  let sum: number | null = null;
  for (const line of text.split('\n')) {
    if (!line.startsWith(metric)) continue;
    const rest = line.slice(metric.length);
    if (!(rest.startsWith(' ') || rest.startsWith('{'))) continue;
    const value = Number(line.slice(line.lastIndexOf(' ') + 1));
    if (Number.isFinite(value)) sum = (sum ?? 0) + value;
  }
  return sum;
}

/** How long one /health or /metrics read may take, body included, before it counts as no answer. */
const READ_TIMEOUT_MS = 3_000;

/**
 * Status and body of one GET, or undefined when there was no whole answer in time.
 * The timeout also aborts a body still streaming, so reading the body must sit
 * inside the same catch: a busy service mid-spike must never crash the sampler.
 */
async function readText(
  url: string,
  timeoutMs: number,
): Promise<{ status: number; text: string } | undefined> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    return { status: response.status, text: await response.text() };
  } catch {
    return undefined;
  }
}

export async function readServiceSample(
  baseUrl: string,
  timeoutMs = READ_TIMEOUT_MS,
): Promise<ServiceSample> {
  const [health, metrics] = await Promise.all([
    readText(`${baseUrl}/health`, timeoutMs),
    readText(`${baseUrl}/metrics`, timeoutMs),
  ]);
  const text = metrics?.status === 200 ? metrics.text : '';
  return {
    up: health?.status === 200,
    rssBytes: metricSum(text, 'process_resident_memory_bytes'),
    handled: metricSum(text, 'messages_handled_total'),
    accepted: metricSum(text, 'orders_accepted_total'),
    published: metricSum(text, 'outbox_published_total'),
  };
}
