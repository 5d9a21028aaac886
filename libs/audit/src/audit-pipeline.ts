import { getJson, mapLimit } from './http-json';
import { countReasons, explainIncomplete, type DispatchView } from './incomplete-reasons';
import { judgeLedger, type LedgerVerdict } from './ledger-verdict';
import type { AuditedOrderView, OrderLedgerView, TrialBalance } from './order-views';
import { pollOrders } from './poll-orders';
import { judgeTimeline } from './timeline-verdict';

export interface PipelineUrls {
  orderService: string;
  ledger: string;
  /** Rider-assignment: when given, an incomplete order's reasons say where it stands with the fleet. */
  riderAssignment?: string;
  /** An operator's access token: the audit reads orders and journals of every customer. */
  bearer?: string;
}

/** An order the order service answered 201 for, with the total it quoted. */
export interface AcceptedOrder {
  id: string;
  totalCents: number;
}

export interface AuditOptions {
  /** How long to wait for the pipeline to finish every accepted order. */
  timeoutMs: number;
  /** Reads in flight at once against each service (keep it below the services' pools). */
  concurrency?: number;
  intervalMs?: number;
  /** Ids of orders that must not exist (e.g. answered non-2xx): neither an order nor a journal. */
  rejectedIds?: readonly string[];
  /**
   * The trial balance read before the run. When given (and nothing else wrote
   * meanwhile), the debits posted since must equal exactly what the accepted
   * orders account for: a rejected request that was written after all shows up here.
   */
  ledgerBefore?: TrialBalance;
  /** Called once per accepted order with its last view (e.g. to take latencies from its timeline). */
  onOrder?: (view: AuditedOrderView) => void;
}

export interface AuditReport {
  accepted: number;
  /** Orders whose every step is in the timeline and whose ledger is right. */
  complete: number;
  cancelled: number;
  /** Accepted orders still missing a timeline step (or unknown, or without a journal) after the wait. */
  lost: string[];
  /** Each lost order's reasons, by the consumer that owes the step (incomplete-reasons.ts). */
  why: Record<string, string[]>;
  /** How many lost orders give each reason. */
  lostBy: Record<string, number>;
  /** A step in the timeline twice, two journals of a kind, or a sale posted for a multiple of the total. */
  doubleApplied: string[];
  /** The journal debits something else than the quoted total, does not balance, or the customer nets wrong. */
  debitMismatch: string[];
  /** Rejected ids that exist at the order service or the ledger. */
  rejectedWritten: string[];
  trialBalance: TrialBalance;
  trialBalanceZero: boolean;
  /** Present when `ledgerBefore` was given: the debits posted during the run against those expected. */
  ledgerDelta: { expectedDebitCents: number; postedDebitCents: number } | null;
  /** How long the audit waited for the timelines to fill in. */
  waitedMs: number;
  /** lost, doubleApplied, debitMismatch and rejectedWritten empty, books balanced, delta as expected. */
  ok: boolean;
}

/**
 * Verifies the pipeline through the services' own read APIs: waits until every
 * accepted order's timeline holds each consumer's step (or the timeout), then
 * checks each order's ledger, that rejected ids were never written, and the
 * trial balance.
 */
export async function auditPipeline(
  urls: PipelineUrls,
  accepted: readonly AcceptedOrder[],
  options: AuditOptions,
): Promise<AuditReport> {
  const { timeoutMs, concurrency = 16, intervalMs = 500 } = options;
  const started = Date.now();
  const { views, pending } = await pollOrders<AuditedOrderView>(
    urls.orderService,
    accepted.map((order) => order.id),
    (view) => judgeTimeline(view.timeline).missing.length === 0,
    { timeoutMs, intervalMs, concurrency, bearer: urls.bearer },
  );
  const waitedMs = Date.now() - started;
  const lost = new Set(pending);
  const doubleApplied = new Set<string>();
  const debitMismatch = new Set<string>();
  let cancelled = 0;
  let expectedDebitCents = 0;
  const ledgerVerdicts = new Map<string, { ledger?: OrderLedgerView; verdict: LedgerVerdict }>();

  await mapLimit(accepted, concurrency, async ({ id, totalCents }) => {
    const view = views.get(id);
    if (!view) {
      lost.add(id);
      const ledger = await readLedger(urls, id);
      ledgerVerdicts.set(id, { ledger, verdict: ledger ? 'ok' : 'missing' });
      return;
    }
    options.onOrder?.(view);
    const verdict = judgeTimeline(view.timeline);
    if (verdict.cancelled) cancelled++;
    expectedDebitCents += verdict.cancelled ? 2 * totalCents : totalCents;
    if (verdict.doubled.length > 0) doubleApplied.add(id);
    if (view.totalCents !== totalCents) debitMismatch.add(id);
    const ledger = await readLedger(urls, id);
    const expected = { totalCents, customerId: view.customerId, cancelled: verdict.cancelled };
    const outcome = judgeLedger(ledger, expected);
    ledgerVerdicts.set(id, { ledger, verdict: outcome });
    if (outcome === 'double') doubleApplied.add(id);
    if (outcome === 'mismatch') debitMismatch.add(id);
    // A journal can lag its timeline entry only while still pending; after the wait it is lost.
    if (outcome === 'missing' && !lost.has(id)) lost.add(id);
  });

  const why = await explainLost(urls, [...lost], views, ledgerVerdicts, concurrency);
  const rejectedWritten = await findWritten(urls, options.rejectedIds ?? [], concurrency);
  const trialBalance = (
    await getJson<TrialBalance>(`${urls.ledger}/ledger/trial-balance`, urls.bearer)
  ).body;
  const ledgerDelta = options.ledgerBefore
    ? {
        expectedDebitCents,
        postedDebitCents: trialBalance.debitCents - options.ledgerBefore.debitCents,
      }
    : null;
  const trialBalanceZero = trialBalance.debitCents === trialBalance.creditCents;
  const report = {
    accepted: accepted.length,
    complete: accepted.length - new Set([...lost, ...doubleApplied, ...debitMismatch]).size,
    cancelled,
    lost: [...lost],
    why,
    lostBy: countReasons(why),
    doubleApplied: [...doubleApplied],
    debitMismatch: [...debitMismatch],
    rejectedWritten,
    trialBalance,
    trialBalanceZero,
    ledgerDelta,
    waitedMs,
  };
  const ok =
    report.lost.length + report.doubleApplied.length + report.debitMismatch.length === 0 &&
    rejectedWritten.length === 0 &&
    trialBalanceZero &&
    (!ledgerDelta || ledgerDelta.expectedDebitCents === ledgerDelta.postedDebitCents);
  return { ...report, ok };
}

async function readLedger(urls: PipelineUrls, id: string): Promise<OrderLedgerView | undefined> {
  const ledger = await getJson<OrderLedgerView>(`${urls.ledger}/ledger/orders/${id}`, urls.bearer);
  return ledger.status === 200 ? ledger.body : undefined;
}

/** Each lost order's reasons, from what the services answered (and dispatch, when its URL is known). */
async function explainLost(
  urls: PipelineUrls,
  lost: readonly string[],
  views: ReadonlyMap<string, AuditedOrderView>,
  ledgers: ReadonlyMap<string, { ledger?: OrderLedgerView; verdict: LedgerVerdict }>,
  concurrency: number,
): Promise<Record<string, string[]>> {
  const explained = await mapLimit(lost, concurrency, async (id) => {
    const view = views.get(id);
    const { ledger, verdict = 'missing' } = ledgers.get(id) ?? {};
    const dispatch = urls.riderAssignment
      ? await getJson<DispatchView>(`${urls.riderAssignment}/assignments/${id}`, urls.bearer)
      : undefined;
    const reasons = explainIncomplete({
      view,
      timeline: view && judgeTimeline(view.timeline),
      ledger,
      ledgerVerdict: verdict,
      dispatch: dispatch && {
        status: dispatch.status,
        body: dispatch.status === 200 ? dispatch.body : undefined,
      },
    });
    return [id, reasons] as const;
  });
  return Object.fromEntries(explained);
}

/** Ids that either service knows, among ones that must not exist. */
async function findWritten(
  urls: PipelineUrls,
  ids: readonly string[],
  concurrency: number,
): Promise<string[]> {
  const found = await mapLimit(ids, concurrency, async (id) => {
    const order = await getJson<unknown>(`${urls.orderService}/orders/${id}`, urls.bearer);
    const ledger = await getJson<unknown>(`${urls.ledger}/ledger/orders/${id}`, urls.bearer);
    return order.status !== 404 || ledger.status !== 404 ? id : undefined;
  });
  return found.filter((id): id is string => id !== undefined);
}
