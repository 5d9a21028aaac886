/** The slice of `fetch` the client needs; tests pass a fake, the app passes the global one. */
export type WebhookFetch = (url: string, init: RequestInit) => Promise<Response>;

export interface WebhookPolicy {
  /** Tries per delivery, the first included. */
  attempts: number;
  /** Per try: connect, send and read the answer. */
  timeoutMs: number;
  /** Pause before the second try, doubled before each further one. */
  backoffMs: number;
}

export interface WebhookRequest {
  url: string;
  /** Sent as Idempotency-Key: the same notification always carries the same key. */
  idempotencyKey: string;
  body: unknown;
}

/**
 * Every try failed. Deliberately a plain (transient) error: the consumer rethrows
 * it so the broker redelivers later, within the queue's delivery limit.
 */
export class WebhookDeliveryError extends Error {
  constructor(url: string, attempts: number, cause: unknown) {
    super(`webhook ${url} failed after ${attempts} attempt(s): ${describe(cause)}`, { cause });
    this.name = 'WebhookDeliveryError';
  }
}

/** The pause before retry number `retry` (1 = the second attempt). */
export function backoffDelay(retry: number, baseMs: number): number {
  return baseMs * 2 ** (retry - 1);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * POSTs a notification to a webhook (a merchant's, a customer gateway) with a
 * few quick retries. Only a 2xx answer counts; anything else (status, timeout,
 * refused connection) is retried. The Idempotency-Key lets the receiver dedupe
 * a retry or a broker redelivery.
 */
export class WebhookClient {
  constructor(
    private readonly policy: WebhookPolicy,
    private readonly fetchFn: WebhookFetch = (url, init) => fetch(url, init),
    private readonly pause: (ms: number) => Promise<void> = sleep,
  ) {}

  /** Resolves with the number of attempts it took; throws WebhookDeliveryError when all failed. */
  async deliver(request: WebhookRequest): Promise<number> {
    let lastError: unknown;
    for (let attempt = 1; attempt <= this.policy.attempts; attempt++) {
      if (attempt > 1) await this.pause(backoffDelay(attempt - 1, this.policy.backoffMs));
      try {
        await this.post(request);
        return attempt;
      } catch (error) {
        lastError = error;
      }
    }
    throw new WebhookDeliveryError(request.url, this.policy.attempts, lastError);
  }

  private async post({ url, idempotencyKey, body }: WebhookRequest): Promise<void> {
    const response = await this.fetchFn(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
      body: JSON.stringify(body),
      // A redirect could hand the payload to a host nobody registered.
      redirect: 'error',
      signal: AbortSignal.timeout(this.policy.timeoutMs),
    });
    // Read the answer to the end so the connection can be reused; its content is ignored.
    await response.arrayBuffer().catch(() => undefined);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}
