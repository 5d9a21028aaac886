import { bearerHeader } from '@dinner-rush/auth';

/** A service answered, but not with a 2xx: its status, for the dashboard to answer its own caller. */
export class UpstreamRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** GET/POST/PUT JSON with a timeout; throws with the status on anything but 2xx. `bearer`: an access token. */
export async function fetchJson<T>(
  url: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string>; bearer?: string } = {},
  timeoutMs = 3_000,
): Promise<T> {
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: {
      accept: 'application/json',
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(init.bearer ? bearerHeader(init.bearer) : {}),
      ...init.headers,
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  if (!response.ok)
    throw new UpstreamRefusal(
      response.status,
      `${init.method ?? 'GET'} ${url}: ${response.status} ${text.slice(0, 200)}`,
    );
  return (text ? JSON.parse(text) : undefined) as T;
}

export async function fetchText(url: string, bearer?: string, timeoutMs = 3_000): Promise<string> {
  const response = await fetch(url, {
    signal: AbortSignal.timeout(timeoutMs),
    ...(bearer ? { headers: bearerHeader(bearer) } : {}),
  });
  if (!response.ok) throw new Error(`GET ${url}: ${response.status}`);
  return response.text();
}
