import { bearerHeader } from './caller-tokens';

/** A service's GET /metrics (operator-only, docs/auth.md) as Prometheus text; throws unless 200. */
export async function readMetricsText(
  baseUrl: string,
  operatorToken: string,
  timeoutMs = 10_000,
): Promise<string> {
  const response = await fetch(`${baseUrl}/metrics`, {
    headers: bearerHeader(operatorToken),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${baseUrl}/metrics answered ${response.status}`);
  return text;
}
