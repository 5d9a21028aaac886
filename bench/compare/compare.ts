import { auditPipeline, type AcceptedOrder } from '@dinner-rush/audit';
import {
  FACTORY_CUSTOMERS,
  getJson,
  orderFactory,
  prefetchCustomerTokens,
  type Merchant,
} from '@dinner-rush/testing';
import { machineInfo, type MachineInfo } from '../shared/machine';
import { fireOpenLoop, type OrderStream, type Sample } from '../shared/open-loop';
import { QueueDepths, type DepthSample, type Downstream } from '../shared/queue-depths';
import { summarizeRun, type RunSummary } from './run-summary';
import type { CompareSetups, WorkTimes } from './setups';

export type ScenarioName = 'all-up' | 'downstream-stopped';

export interface CompareSettings extends WorkTimes {
  ratePerS: number;
  durationS: number;
  /** A request unanswered after this long counts as failed. */
  timeoutMs: number;
  /** The downstream stopped in the 'downstream-stopped' scenario. */
  stopped: Downstream;
  scenarios: readonly ScenarioName[];
  /** How long to wait for the queued pipeline to finish the accepted orders. */
  auditTimeoutMs: number;
  seed: number;
}

/** What the audit of the queued set-up's accepted orders found (libs/audit). */
export interface AuditOutcome {
  accepted: number;
  complete: number;
  lost: number;
  doubleApplied: number;
  trialBalanceZero: boolean;
  ok: boolean;
  waitedMs: number;
}

export interface SetupRun {
  url: string;
  summary: RunSummary;
  samples: Omit<Sample, 'body'>[];
  /** The most frequent reasons given by failed answers (problem+json detail), with counts. */
  failureReasons: { reason: string; count: number }[];
  /** Consumer queue depths, sampled every second during the run. */
  depths: DepthSample[];
}

export interface ScenarioResult {
  name: ScenarioName;
  description: string;
  async: SetupRun & {
    /** Null when the audit could not run (the stopped downstream is not ours to restart). */
    audit: AuditOutcome | null;
    /** How many messages the stopped consumer's queue gained during the run. */
    stoppedQueueGrowth: number | null;
  };
  sync: SetupRun;
}

export interface CompareReport {
  benchmark: 'compare';
  generatedAt: string;
  machine: MachineInfo;
  mode: CompareSetups['mode'];
  settings: CompareSettings;
  scenarios: ScenarioResult[];
}

type Log = (line: string) => void;

/**
 * The sync-versus-async experiment: the same open-loop load, the same request
 * bodies and the same work times against the queued pipeline (POST /orders on
 * order-service) and the synchronous chain (POST /orders on the sync
 * baseline), first with every service up, then with one downstream stopped.
 * The queued set-up's accepted orders are audited end to end each time.
 */
export async function runCompare(
  setups: CompareSetups,
  settings: CompareSettings,
  log: Log = () => undefined,
): Promise<CompareReport> {
  const machine = machineInfo();
  const merchants = (await getJson<Merchant[]>(`${setups.orderUrl}/merchants`)).body;
  // Both set-ups trust one issuer: the same customers place the same orders on each.
  const tokenFor = await prefetchCustomerTokens(setups.issueToken, FACTORY_CUSTOMERS);
  const depths = await QueueDepths.open(setups.rabbitmqUrl);
  try {
    const scenarios: ScenarioResult[] = [];
    for (const name of settings.scenarios) {
      const bodyFor = orderFactory(merchants, settings.seed + scenarios.length);
      const orders: OrderStream = { bodyFor, tokenFor };
      scenarios.push(await runScenario(name, { setups, settings, depths, orders, log }));
    }
    return {
      benchmark: 'compare',
      generatedAt: new Date().toISOString(),
      machine,
      mode: setups.mode,
      settings,
      scenarios,
    };
  } finally {
    await depths.close();
  }
}

interface ScenarioContext {
  setups: CompareSetups;
  settings: CompareSettings;
  depths: QueueDepths;
  orders: OrderStream;
  log: Log;
}

async function runScenario(name: ScenarioName, ctx: ScenarioContext): Promise<ScenarioResult> {
  const { setups, settings, log } = ctx;
  const stopped = name === 'downstream-stopped' ? settings.stopped : undefined;
  if (stopped) {
    if (setups.stop) await setups.stop(stopped);
    log(
      setups.stop ? `${stopped} stopped` : `${stopped} expected to be stopped (external pipeline)`,
    );
  }
  const before = await ctx.depths.read();
  log(`${name}: async (order-service) at ${settings.ratePerS}/s for ${settings.durationS} s`);
  const asyncRun = await runSetup(setups.orderUrl, ctx);
  const after = await ctx.depths.read();
  const growth = stopped ? (after[stopped] ?? 0) - (before[stopped] ?? 0) : null;
  let audit: AuditOutcome | null = null;
  if (!stopped) audit = await auditAccepted(asyncRun.accepted, ctx);
  log(`${name}: sync (baseline chain) at ${settings.ratePerS}/s for ${settings.durationS} s`);
  const syncRun = await runSetup(setups.syncUrl, ctx);
  if (stopped && setups.start) {
    await setups.start(stopped);
    log(`${stopped} restarted; auditing the orders accepted while it was down`);
    audit = await auditAccepted(asyncRun.accepted, ctx);
  }
  return {
    name,
    description: stopped ? `${stopped} stopped during both runs` : 'every service up',
    async: { ...asyncRun.run, audit, stoppedQueueGrowth: growth },
    sync: syncRun.run,
  };
}

async function runSetup(
  url: string,
  ctx: ScenarioContext,
): Promise<{ run: SetupRun; accepted: AcceptedOrder[] }> {
  const depthSamples: DepthSample[] = [];
  const pending: Promise<void>[] = [];
  const samples = await fireOpenLoop({
    url: `${url}/orders`,
    ratePerS: ctx.settings.ratePerS,
    durationS: ctx.settings.durationS,
    timeoutMs: ctx.settings.timeoutMs,
    ...ctx.orders,
    onTick: (atMs) => {
      pending.push(
        ctx.depths
          .read()
          .then((d) => void depthSamples.push({ atMs: Math.round(atMs), depths: d })),
      );
    },
  });
  await Promise.allSettled(pending);
  const accepted = samples.flatMap((s) => (s.status === 201 ? acceptedOrder(s.body) : []));
  return {
    run: {
      url,
      summary: summarizeRun(samples),
      samples: samples.map(({ dueMs, latencyMs, status }) => ({
        dueMs: Math.round(dueMs),
        latencyMs: Math.round(latencyMs * 10) / 10,
        status,
      })),
      depths: depthSamples.sort((a, b) => a.atMs - b.atMs),
      failureReasons: failureReasons(samples),
    },
    accepted,
  };
}

function acceptedOrder(body: unknown): AcceptedOrder[] {
  const order = body as Partial<AcceptedOrder> | undefined;
  return typeof order?.id === 'string' && typeof order.totalCents === 'number'
    ? [{ id: order.id, totalCents: order.totalCents }]
    : [];
}

async function auditAccepted(
  accepted: readonly AcceptedOrder[],
  ctx: ScenarioContext,
): Promise<AuditOutcome> {
  const audit = async () =>
    auditPipeline(
      {
        orderService: ctx.setups.orderUrl,
        ledger: ctx.setups.ledgerUrl,
        bearer: await ctx.setups.issueToken('operator'),
      },
      accepted,
      { timeoutMs: ctx.settings.auditTimeoutMs, concurrency: 8 },
    );
  let report = await audit();
  // A read answered 503 (e.g. the database out of connections for a moment) counts as
  // missing; "lost" must mean still missing on a second look, so look once more.
  for (let retry = 0; retry < 2 && report.lost.length > 0; retry++) {
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    report = await audit();
  }
  return {
    accepted: report.accepted,
    complete: report.complete,
    lost: report.lost.length,
    doubleApplied: report.doubleApplied.length,
    trialBalanceZero: report.trialBalanceZero,
    ok: report.ok,
    waitedMs: report.waitedMs,
  };
}

/** Why requests failed, most frequent first (what an operator would look at first). */
function failureReasons(samples: readonly Sample[]): { reason: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const sample of samples) {
    if (sample.status >= 200 && sample.status < 300) continue;
    const detail = (sample.body as { detail?: unknown } | undefined)?.detail;
    const reason = `${sample.status}: ${typeof detail === 'string' ? detail.slice(0, 200) : 'no detail'}`;
    counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  return [...counts]
    .map(([reason, count]) => ({ reason, count }))
    .sort((a, b) => b.count - a.count)
    .slice(0, 5);
}
