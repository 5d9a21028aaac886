import { randomUUID } from 'node:crypto';
import { auditPipeline, type AcceptedOrder, type AuditReport } from '@dinner-rush/audit';
import {
  FACTORY_CUSTOMERS,
  getJson,
  prefetchCustomerTokens,
  orderFactory,
  startScratchServices,
  waitFor,
  type Merchant,
} from '@dinner-rush/testing';
import { fireOpenLoop } from '../shared/open-loop';
import { NO_RATE_LIMITS } from '../shared/set-ups';
import type { CensusSample } from './retention-bound';
import { retentionEnv } from './retention-env';
import { TableCensus, type TableCount } from './table-census';

export interface SoakOptions {
  ratePerS: number;
  durationS: number;
  /** Every retention window of every service, in seconds. */
  windowS: number;
  sweepMs: number;
  /** A census every this many seconds while the load runs. */
  sampleEveryS: number;
  label?: string;
}

export interface SoakResult {
  options: SoakOptions;
  samples: CensusSample[];
  accepted: number;
  /** Requests not answered 201 (problem+json or no answer). */
  refused: number;
  audit: AuditReport;
  /** The census once every order was complete and the in-flight tables drained. */
  after: TableCount[];
}

/**
 * The whole pipeline (every service as a process from dist/, scratch database
 * and vhost) with every retention window shrunk to `windowS`, under a steady
 * open-loop order rate for `durationS`, each order with an Idempotency-Key. A
 * census of every table every `sampleEveryS`; then every accepted order is
 * audited (nothing lost, nothing applied twice) and the in-flight tables are
 * waited on until empty.
 */
export async function runRetentionSoak(
  options: SoakOptions,
  log: (line: string) => void = () => undefined,
): Promise<SoakResult> {
  const windowMs = options.windowS * 1_000;
  const pipeline = await startScratchServices(options.label ?? 'retention', {
    common: retentionEnv(options.windowS, options.sweepMs),
    env: {
      // Riders never queue and no customer is throttled: the load is steady by construction.
      'order-service': NO_RATE_LIMITS,
      'rider-assignment': { RIDER_FLEET_SIZE: '200', RIDER_DELIVERY_MS: '1000' },
    },
    oneAtATime: true,
  });
  const census = TableCensus.open(pipeline.db.urlFor('public'));
  try {
    const orderService = pipeline.url('order-service');
    const merchants = (await getJson<Merchant[]>(`${orderService}/merchants`)).body;
    const bodyFor = orderFactory(merchants, 2026);
    const tokenFor = await prefetchCustomerTokens(
      (role, sub) => pipeline.issuer.token(role, sub),
      FACTORY_CUSTOMERS,
    );
    const samples: Promise<CensusSample>[] = [];
    let nextSampleS = options.sampleEveryS;
    const results = await fireOpenLoop({
      url: `${orderService}/orders`,
      ratePerS: options.ratePerS,
      durationS: options.durationS,
      bodyFor,
      tokenFor,
      headersFor: () => ({ 'idempotency-key': randomUUID() }),
      timeoutMs: 30_000,
      onTick: (elapsedMs) => {
        const elapsedS = Math.round(elapsedMs / 1_000);
        if (elapsedS < nextSampleS) return;
        nextSampleS += options.sampleEveryS;
        samples.push(census.take(windowMs).then((tables) => ({ elapsedS, tables })));
        log(`census at ${elapsedS} s`);
      },
    });
    const accepted: AcceptedOrder[] = results.flatMap(({ status, body }) =>
      status === 201 ? [body as AcceptedOrder] : [],
    );
    log(`${accepted.length} orders accepted; auditing`);
    const audit = await auditPipeline(
      {
        orderService,
        ledger: pipeline.url('ledger'),
        bearer: await pipeline.issuer.token('operator'),
      },
      accepted.map(({ id, totalCents }) => ({ id, totalCents })),
      { timeoutMs: 180_000 },
    );
    const after = await waitFor(
      async () => {
        const tables = await census.take(windowMs);
        return tables.every((t) => t.kind !== 'drained' || t.rows === 0) ? tables : undefined;
      },
      { what: 'outboxes and webhook deliveries drained', timeoutMs: 120_000, intervalMs: 1_000 },
    );
    return {
      options,
      samples: await Promise.all(samples),
      accepted: accepted.length,
      refused: results.length - accepted.length,
      audit,
      after,
    };
  } finally {
    await census.close();
    await pipeline.stop();
  }
}
