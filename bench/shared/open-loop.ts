import { bearerHeader } from '@dinner-rush/auth';

/** One request of a run: when it was due, how long the customer waited, what came back. */
export interface Sample {
  /** Milliseconds after the run started at which the request was due. */
  dueMs: number;
  latencyMs: number;
  /** HTTP status; 0 when no answer came (refused, reset, client timeout). */
  status: number;
  /** The parsed JSON body (the order, or the problem+json of a failure). */
  body?: unknown;
}

export interface OpenLoopRun {
  url: string;
  ratePerS: number;
  durationS: number;
  /** The n-th order; the same sequence is replayed against each set-up. */
  bodyFor: (n: number) => { customerId: string };
  /** The customer's access token: an order is placed by its own customer (docs/auth.md). */
  tokenFor: (customerId: string) => string;
  /** Extra headers of the n-th request (e.g. an Idempotency-Key). */
  headersFor?: (n: number) => Record<string, string>;
  /** A request not answered by then counts as failed (status 0). */
  timeoutMs: number;
  /** Called every second while the run lasts (e.g. to sample queue depths). */
  onTick?: (elapsedMs: number) => void;
}

/** The orders a run places and how each customer is authenticated. */
export type OrderStream = Pick<OpenLoopRun, 'bodyFor' | 'tokenFor'>;

/**
 * Fires requests at a fixed arrival rate whatever the server does (open loop),
 * so a slow answer cannot slow the next arrival and hide itself. Latency is
 * measured from the moment a request was due, not from when it left, so any lag
 * of the generator itself counts against the server (no coordinated omission).
 */
export async function fireOpenLoop(run: OpenLoopRun): Promise<Sample[]> {
  const total = Math.max(1, Math.round(run.ratePerS * run.durationS));
  const started = performance.now();
  const ticker = setInterval(() => run.onTick?.(performance.now() - started), 1_000);
  const inFlight: Promise<Sample>[] = [];
  try {
    for (let n = 0; n < total; n++) {
      const dueMs = (n * 1_000) / run.ratePerS;
      const wait = started + dueMs - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      inFlight.push(send(run, n, started + dueMs, dueMs));
    }
    return await Promise.all(inFlight);
  } finally {
    clearInterval(ticker);
  }
}

async function send(run: OpenLoopRun, n: number, dueAt: number, dueMs: number): Promise<Sample> {
  try {
    const body = run.bodyFor(n);
    const response = await fetch(run.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...bearerHeader(run.tokenFor(body.customerId)),
        ...run.headersFor?.(n),
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(run.timeoutMs),
    });
    const text = await response.text();
    const latencyMs = performance.now() - dueAt;
    return { dueMs, latencyMs, status: response.status, body: parse(text) };
  } catch (error) {
    const reason = error instanceof Error ? (error.cause ?? error) : error;
    return {
      dueMs,
      latencyMs: performance.now() - dueAt,
      status: 0,
      body: { detail: String(reason) },
    };
  }
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
