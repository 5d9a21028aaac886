import {
  measureRecovery,
  OrderLoad,
  sleep,
  waitFor,
  type LoadResult,
  type Recovery,
} from '@dinner-rush/testing';
import type { AuditReport } from '@dinner-rush/audit';
import { PIPELINE_SCHEMAS, WORK_QUEUES, type FaultPipeline } from './fault-pipeline';

export interface FaultRun {
  load: LoadResult;
  recovery: Recovery;
  audit: AuditReport;
}

export interface FaultRunOptions {
  label: string;
  ratePerSecond?: number;
  /** Load before the fault starts and after it ended (ms). */
  leadMs?: number;
  tailMs?: number;
  /** How long the audit may wait for every accepted order to complete (default 120 s). */
  auditTimeoutMs?: number;
}

/**
 * One fault under load: intake runs steadily, `inject` starts the fault and
 * returns once it is over (the broker restarted, the process restarted, ...),
 * recovery is timed from that moment, intake goes on a little, then the
 * pipeline is audited through the services' read APIs and must have drained.
 */
export async function runFault(
  pipeline: FaultPipeline,
  options: FaultRunOptions,
  inject: () => Promise<void>,
): Promise<FaultRun> {
  const intake = await OrderLoad.start(pipeline.orderServiceUrl, {
    label: options.label,
    ratePerSecond: options.ratePerSecond ?? 5,
    issueToken: (role, sub) => pipeline.issuer.token(role, sub),
  });
  let load: LoadResult | undefined;
  try {
    await sleep(options.leadMs ?? 2_000);
    await inject();
    const faultEndedAt = Date.now();
    const recovery = await untilRecoveredOrCrashed(pipeline, faultEndedAt);
    await sleep(options.tailMs ?? 2_000);
    load = await intake.stop();
    const audit = await pipeline.audit(load.accepted, options.auditTimeoutMs);
    await untilDrained(pipeline);
    return { load, recovery, audit };
  } finally {
    if (!load) await intake.stop();
  }
}

/** Recovery as measureRecovery times it, failing at once (not after its timeout) if a service crashed. */
async function untilRecoveredOrCrashed(
  pipeline: FaultPipeline,
  faultEndedAt: number,
): Promise<Recovery> {
  let watching = true;
  const crashed = (async () => {
    while (watching) {
      pipeline.assertAllRunning();
      await sleep(500);
    }
  })();
  try {
    return await Promise.race([
      measureRecovery(faultEndedAt, pipeline.broker, pipeline.database, WORK_QUEUES),
      crashed.then(() => undefined as never),
    ]);
  } finally {
    watching = false;
  }
}

/**
 * Milliseconds from `since` (a node lost) until every consumer applies
 * messages again: each work queue has a consumer, and each service's inbox
 * took more messages since then than it can have had in flight before
 * (`inFlight`: PREFETCH times the queues it consumes), so at least one was
 * delivered after the fault. Intake keeps the queues fed meanwhile.
 */
export async function untilConsumingAgain(
  pipeline: FaultPipeline,
  since: number,
  inFlight: number,
): Promise<number> {
  const schemas = Object.values(PIPELINE_SCHEMAS);
  await waitFor(
    async () => {
      pipeline.assertAllRunning();
      const states = await Promise.all(WORK_QUEUES.map((q) => pipeline.broker.queueState(q)));
      if (!states.every((s) => s.consumers > 0)) return undefined;
      const applied = await pipeline.database.appliedSince(new Date(since));
      return schemas.every((schema) => (applied[schema] ?? 0) > inFlight) ? true : undefined;
    },
    // Beyond net_ticktime (up to 75 s) with room for a loaded machine: a bound, not a target.
    { timeoutMs: 180_000, intervalMs: 200, what: 'every consumer applying messages again' },
  );
  return Date.now() - since;
}

/** Waits until every work queue is empty: nothing left behind once the audit is complete. */
export async function untilDrained(pipeline: FaultPipeline): Promise<Record<string, number>> {
  return waitFor(
    async () => {
      const depths = await pipeline.workQueueDepths();
      return Object.values(depths).every((n) => n === 0) ? depths : undefined;
    },
    { timeoutMs: 60_000, intervalMs: 250, what: 'every work queue empty' },
  );
}

/** The figures each case records: recovery time plus what the audit found. */
export function figuresOf(name: string, run: FaultRun, extra: Record<string, unknown> = {}) {
  return {
    case: name,
    recoveryMs: run.recovery.recoveryMs,
    consumersBackMs: run.recovery.consumersBackMs,
    accepted: run.audit.accepted,
    lost: run.audit.lost.length,
    lostBy: run.audit.lostBy,
    doubleApplied: run.audit.doubleApplied.length,
    debitMismatch: run.audit.debitMismatch.length,
    trialBalanceZero: run.audit.trialBalanceZero,
    statuses: run.load.statuses,
    ...extra,
  };
}

/** What every fault case asserts about the audit: nothing lost, nothing doubled, books balanced. */
export function expectSafe(run: FaultRun): void {
  expectAuditClean(run.audit);
}

/** The audit of some accepted orders: none lost or applied twice, each debited right, books balanced. */
export function expectAuditClean(audit: AuditReport): void {
  expect({
    lost: audit.why,
    doubleApplied: audit.doubleApplied,
    debitMismatch: audit.debitMismatch,
    trialBalanceZero: audit.trialBalanceZero,
  }).toEqual({ lost: {}, doubleApplied: [], debitMismatch: [], trialBalanceZero: true });
  expect(audit.accepted).toBeGreaterThan(0);
}
