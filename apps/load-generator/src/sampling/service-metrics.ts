import { bearerHeader } from '@dinner-rush/auth';
import { parsePrometheusText, sumOrNull } from '@dinner-rush/pipeline-stats';

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
  bearer?: string,
): Promise<{ status: number; text: string } | undefined> {
  try {
    const response = await fetch(url, {
      signal: AbortSignal.timeout(timeoutMs),
      ...(bearer ? { headers: bearerHeader(bearer) } : {}),
    });
    return { status: response.status, text: await response.text() };
  } catch {
    return undefined;
  }
}

/** `bearer`: an operator's access token (/metrics is operator-only; /health is public). */
export async function readServiceSample(
  baseUrl: string,
  timeoutMs = READ_TIMEOUT_MS,
  bearer?: string,
): Promise<ServiceSample> {
  const [health, metrics] = await Promise.all([
    readText(`${baseUrl}/health`, timeoutMs),
    readText(`${baseUrl}/metrics`, timeoutMs, bearer),
  ]);
  const samples = parsePrometheusText(metrics?.status === 200 ? metrics.text : '');
  return {
    up: health?.status === 200,
    rssBytes: sumOrNull(samples, 'process_resident_memory_bytes'),
    handled: sumOrNull(samples, 'messages_handled_total'),
    accepted: sumOrNull(samples, 'orders_accepted_total'),
    published: sumOrNull(samples, 'outbox_published_total'),
  };
}
