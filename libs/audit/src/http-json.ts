import { bearerHeader } from '@dinner-rush/auth';

/** JSON over HTTP for reading the services' own APIs (global fetch, no extra client). */
export interface JsonResponse<T> {
  status: number;
  body: T;
}

/** Attempts for one read: a 5xx or a dropped connection is the service being busy, not an answer. */
const READ_ATTEMPTS = 5;

/** `bearer`: an access token (the services' read APIs are operator-only, docs/auth.md). */
export async function getJson<T>(url: string, bearer?: string): Promise<JsonResponse<T>> {
  const headers = bearer ? bearerHeader(bearer) : undefined;
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await fetch(url, { headers });
      if (response.status < 500 || attempt >= READ_ATTEMPTS) {
        return { status: response.status, body: (await response.json()) as T };
      }
      await response.body?.cancel();
    } catch (error) {
      // fetch says only "fetch failed": name the endpoint, keep the reason (ECONNREFUSED, …) as cause.
      if (attempt >= READ_ATTEMPTS)
        throw new Error(`GET ${url} failed (${READ_ATTEMPTS} attempts)`, { cause: error });
    }
    await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
  }
}

/** Runs `work` over `items` with at most `limit` in flight (a fixed pool of concurrent clients). */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
