/** Minimal JSON-over-HTTP helpers for suites that talk to running services. */
import type { JsonResponse } from '@dinner-rush/audit';

// Reading helpers are shared with the load generator and the audit: one copy, in libs/audit.
export { getJson, mapLimit, type JsonResponse } from '@dinner-rush/audit';

export async function postJson<T>(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<JsonResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}
