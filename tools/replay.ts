import { bearerHeader, TokenClient, toolsClientEnvSchema } from '@dinner-rush/auth';
import { Queues } from '@dinner-rush/contracts';

/** The queue a service consumes order events on, as libs/contracts names it. */
export function replayQueueFor(target: string): string {
  if (target.includes('.')) return target;
  const queue = Object.values(Queues).find((names) => names.queue === `${target}.orders`)?.queue;
  if (!queue) throw new Error(`no order-events queue for service "${target}"; pass a queue name`);
  return queue;
}

export interface ReplayRequest {
  queue: string;
  since?: Date;
  types?: string[];
}

/**
 * `dinner-rush replay`: asks order-service to send its archived order events
 * to one consumer's own queue, so a consumer started late begins with history.
 * Duplicates are dropped by the consumer's inbox. Returns how many were sent.
 */
export async function replayHistory(
  orderServiceUrl: string,
  request: ReplayRequest,
): Promise<number> {
  const endpoint = `${orderServiceUrl.replace(/\/$/, '')}/replays`;
  const body = {
    queue: request.queue,
    ...(request.since ? { since: request.since.toISOString() } : {}),
    ...(request.types ? { types: request.types } : {}),
  };
  // POST /replays is operator-only: the tools client's own token (OIDC_ISSUER, OIDC_TOOLS_CLIENT_SECRET).
  const token = await new TokenClient(toolsClientEnvSchema.parse(process.env)).operator();
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...bearerHeader(token) },
    body: JSON.stringify(body),
  }).catch((error: unknown) => {
    throw new Error(`POST ${endpoint} failed: is order-service running (npm start)?`, {
      cause: error,
    });
  });
  const answer = (await response.json().catch(() => ({}))) as {
    replayed?: number;
    detail?: string;
  };
  if (!response.ok)
    throw new Error(
      `POST ${endpoint}: order-service answered ${response.status}: ${answer.detail}`,
    );
  return answer.replayed ?? 0;
}
