import type { PlaceOrderRequest } from '@dinner-rush/contracts';
import { bearerHeader, prefetchCustomerTokens, type IssueToken } from '../caller-tokens';
import { getJson } from '../http';
import { FACTORY_CUSTOMERS, orderFactory, type Merchant } from '../order-request-factory';
import { sleep } from './run-command';

/** An order the service answered 201 for: the pipeline now owes it every step. */
export interface AcceptedOrder {
  id: string;
  totalCents: number;
  customerId: string;
}

/** A request the service turned away (or that never got an answer). */
export interface RejectedRequest {
  idempotencyKey: string;
  /** HTTP status, or 0 when the connection failed. */
  status: number;
  retryAfter: string | null;
}

export interface LoadResult {
  accepted: AcceptedOrder[];
  rejected: RejectedRequest[];
  /** Count per HTTP status (0: no answer). */
  statuses: Record<number, number>;
}

export interface LoadOptions {
  /** Requests per second, sent open-loop (not waiting for answers) up to `maxInFlight`. */
  ratePerSecond: number;
  maxInFlight?: number;
  /** Labels the Idempotency-Keys so each case's requests are its own. */
  label: string;
  seed?: number;
  /** The issuer the pipeline trusts: each order is placed with its customer's token. */
  issueToken: IssueToken;
}

/**
 * Steady order intake against a running order-service while a fault is
 * injected: every request carries an Idempotency-Key, every answer is kept.
 * Runs until stop() (which waits for the requests still in flight).
 */
export class OrderLoad {
  private readonly result: LoadResult = { accepted: [], rejected: [], statuses: {} };
  private readonly inFlight = new Set<Promise<void>>();
  private running = true;
  private loop?: Promise<void>;
  private sent = 0;

  private constructor(
    private readonly baseUrl: string,
    private readonly options: LoadOptions,
    private readonly nextOrder: (n: number) => PlaceOrderRequest,
    private readonly tokenFor: (customerId: string) => string,
  ) {}

  static async start(baseUrl: string, options: LoadOptions): Promise<OrderLoad> {
    const merchants = (await getJson<Merchant[]>(`${baseUrl}/merchants`)).body;
    const tokenFor = await prefetchCustomerTokens(options.issueToken, FACTORY_CUSTOMERS);
    const nextOrder = orderFactory(merchants, options.seed ?? 7);
    const load = new OrderLoad(baseUrl, options, nextOrder, tokenFor);
    load.loop = load.run();
    return load;
  }

  /** Sends exactly `count` orders at the configured rate, then returns what came back. */
  static async burst(baseUrl: string, options: LoadOptions, count: number): Promise<LoadResult> {
    const load = await OrderLoad.start(baseUrl, options);
    while (load.sent < count) await sleep(20);
    return load.stop();
  }

  get sentCount(): number {
    return this.sent;
  }

  get acceptedCount(): number {
    return this.result.accepted.length;
  }

  async stop(): Promise<LoadResult> {
    this.running = false;
    await this.loop;
    await Promise.all([...this.inFlight]);
    return this.result;
  }

  private async run(): Promise<void> {
    const interval = 1000 / this.options.ratePerSecond;
    const started = Date.now();
    while (this.running) {
      if (this.inFlight.size < (this.options.maxInFlight ?? 32)) {
        const request = this.send(this.sent++);
        this.inFlight.add(request);
        void request.finally(() => this.inFlight.delete(request));
      }
      const due = started + this.sent * interval;
      await sleep(Math.max(0, due - Date.now()));
    }
  }

  private async send(n: number): Promise<void> {
    const idempotencyKey = `${this.options.label}-${n}`;
    const body = this.nextOrder(n);
    let status = 0;
    let retryAfter: string | null = null;
    let answer: { id?: string; totalCents?: number } = {};
    try {
      const response = await fetch(`${this.baseUrl}/orders`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': idempotencyKey,
          ...bearerHeader(this.tokenFor(body.customerId)),
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(15_000),
      });
      status = response.status;
      retryAfter = response.headers.get('retry-after');
      answer = (await response.json()) as typeof answer;
    } catch {
      // no answer (refused, reset, timed out): counted under status 0
    }
    this.result.statuses[status] = (this.result.statuses[status] ?? 0) + 1;
    if (status === 201 && answer.id && typeof answer.totalCents === 'number') {
      this.result.accepted.push({
        id: answer.id,
        totalCents: answer.totalCents,
        customerId: body.customerId,
      });
    } else {
      this.result.rejected.push({ idempotencyKey, status, retryAfter });
    }
  }
}
