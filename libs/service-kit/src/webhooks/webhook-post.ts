import { request, type Dispatcher } from 'undici';

/** A webhook's answer is never used: more than this is a misbehaving endpoint, not a reply. */
export const WEBHOOK_MAX_RESPONSE_BYTES = 64 * 1024;

/** Why one POST failed, as a stable code (metrics label, stored failure reason). */
export type WebhookFailureReason =
  'timeout' | 'response-too-large' | 'http-status' | 'unreachable' | 'address-refused';

/** One POST failed; `reason` says how. */
export class WebhookAttemptError extends Error {
  constructor(
    readonly reason: WebhookFailureReason,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'WebhookAttemptError';
  }
}

export interface WebhookPost {
  url: string;
  headers: Record<string, string>;
  /** The exact bytes sent (and signed). */
  body: string;
}

export interface WebhookPostLimits {
  /** ONE deadline for the whole exchange: connect, request, answer headers and body. */
  deadlineMs: number;
  /** Past this many answer bytes the connection is cut and the POST counts as failed. */
  maxResponseBytes?: number;
  /** Where connections come from (merchant-notify's refuses inward addresses); default undici's global one. */
  dispatcher?: Dispatcher;
}

/**
 * One webhook POST. Only a 2xx answer, read to its end within the deadline
 * and the size cap, counts; anything else throws a WebhookAttemptError.
 * Redirects are not followed (a redirect could hand the payload to a host
 * nobody registered): a 3xx is a failed POST like a 4xx or 5xx.
 */
export async function postWebhook(post: WebhookPost, limits: WebhookPostLimits): Promise<void> {
  const deadline = AbortSignal.timeout(limits.deadlineMs);
  const cap = limits.maxResponseBytes ?? WEBHOOK_MAX_RESPONSE_BYTES;
  try {
    const answer = await request(post.url, {
      method: 'POST',
      headers: post.headers,
      body: post.body,
      signal: deadline,
      dispatcher: limits.dispatcher,
    });
    await readAtMost(answer, cap);
    if (answer.statusCode < 200 || answer.statusCode > 299) {
      throw new WebhookAttemptError('http-status', `HTTP ${answer.statusCode}`);
    }
  } catch (error) {
    throw attemptError(error, deadline, limits.deadlineMs);
  }
}

/** Reads (and drops) the answer's body, cutting the connection once it passes `cap` bytes. */
async function readAtMost(answer: Dispatcher.ResponseData, cap: number): Promise<void> {
  const declared = Number(answer.headers['content-length']) || 0;
  let received = 0;
  if (declared <= cap) {
    for await (const chunk of answer.body as AsyncIterable<Buffer>) {
      received += chunk.length;
      if (received > cap) break;
    }
  }
  const size = Math.max(declared, received);
  if (size > cap) {
    answer.body.destroy();
    throw new WebhookAttemptError(
      'response-too-large',
      `answer larger than ${cap} bytes (${size} or more)`,
    );
  }
}

function attemptError(error: unknown, deadline: AbortSignal, deadlineMs: number): Error {
  const refused = findInCauses(error, (e) => e instanceof WebhookAttemptError);
  if (refused instanceof WebhookAttemptError) return refused;
  if (deadline.aborted) {
    return new WebhookAttemptError('timeout', `no complete answer within ${deadlineMs} ms`, {
      cause: error,
    });
  }
  return new WebhookAttemptError('unreachable', describe(error), { cause: error });
}

function findInCauses(error: unknown, match: (e: unknown) => boolean, depth = 0): unknown {
  if (match(error)) return error;
  if (depth > 5 || !(error instanceof Error)) return undefined;
  return findInCauses(error.cause, match, depth + 1);
}

/** "connect ECONNREFUSED 127.0.0.1:9", the useful part of a socket error. */
function describe(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) {
    return (error.errors as unknown[]).map(describe).join('; ');
  }
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? ` (${describe(error.cause)})` : '';
    return `${error.message || error.name}${cause}`;
  }
  return String(error);
}
