import { postWebhook, type WebhookPost } from './webhook-post';

/** One POST (postWebhook by default; tests pass a scripted one). */
export type WebhookPoster = (post: WebhookPost, deadlineMs: number) => Promise<void>;

export interface WebhookPolicy {
  /** Tries per delivery, the first included. */
  attempts: number;
  /** Per try: ONE deadline for connect, send and reading the (size-capped) answer. */
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
 * POSTs a notification to an operator-configured webhook (the customer push
 * gateway) with a few quick retries. Only a 2xx answer counts; anything else
 * (status, timeout, refused connection, oversized answer) is retried. The
 * Idempotency-Key lets the receiver dedupe a retry or a broker redelivery.
 */
export class WebhookClient {
  constructor(
    private readonly policy: WebhookPolicy,
    private readonly post: WebhookPoster = (post, deadlineMs) => postWebhook(post, { deadlineMs }),
    private readonly pause: (ms: number) => Promise<void> = sleep,
  ) {}

  /** Resolves with the number of attempts it took; throws WebhookDeliveryError when all failed. */
  async deliver(request: WebhookRequest): Promise<number> {
    let lastError: unknown;
    for (let attempt = 1; attempt <= this.policy.attempts; attempt++) {
      if (attempt > 1) await this.pause(backoffDelay(attempt - 1, this.policy.backoffMs));
      try {
        await this.post(
          {
            url: request.url,
            headers: {
              'content-type': 'application/json',
              'idempotency-key': request.idempotencyKey,
            },
            body: JSON.stringify(request.body),
          },
          this.policy.timeoutMs,
        );
        return attempt;
      } catch (error) {
        lastError = error;
      }
    }
    throw new WebhookDeliveryError(request.url, this.policy.attempts, lastError);
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}
