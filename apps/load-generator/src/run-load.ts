import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  auditPipeline,
  getJson,
  stepLatencies,
  type AuditedOrderView,
  type TrialBalance,
} from '@dinner-rush/audit';
import type { CatalogueMerchant } from '@dinner-rush/contracts';
import { seededRandom } from '@dinner-rush/service-kit';
import type { LoadOptions } from './cli/load-options';
import { startProgressLine } from './cli/progress-line';
import { driveProfile } from './driver/drive-profile';
import { IntakeClient } from './driver/intake-client';
import { fetchRunTokens } from './driver/customer-tokens';
import { OrderSender } from './driver/order-sender';
import { isAccepted } from './driver/request-record';
import { orderMix, runCustomers } from './orders/order-mix';
import { renderHtmlReport } from './report/html-report';
import { buildLoadReport, type LoadReport } from './report/load-report';
import { PipelineSampler } from './sampling/pipeline-sampler';
import { waitForDrain } from './wait-for-drain';

export interface LoadRun {
  report: LoadReport;
  jsonPath: string;
  htmlPath: string;
}

/**
 * One run: load the pipeline along the profile while sampling it, wait for it
 * to drain, audit every accepted order through the services' read APIs, then
 * write the JSON and HTML reports.
 */
export async function runLoad(options: LoadOptions, log: (line: string) => void): Promise<LoadRun> {
  const startedAt = new Date();
  const runId = `load-${startedAt.getTime().toString(36)}`;
  const t0 = performance.now();
  const clock = () => performance.now() - t0;
  const { urls } = options;
  const tokens = await fetchRunTokens(runCustomers(runId));

  const merchants = await getJson<CatalogueMerchant[]>(`${urls.orderService}/merchants`).catch(
    (error: unknown) => {
      throw new Error(
        `cannot read ${urls.orderService}/merchants: is the pipeline running (npm start)?`,
        { cause: error },
      );
    },
  );
  const ledgerBefore = options.shared
    ? undefined
    : (await getJson<TrialBalance>(`${urls.ledger}/ledger/trial-balance`, await tokens.operator()))
        .body;
  const nextOrder = orderMix(merchants.body, {
    ...options,
    runId,
    customers: tokens.customerIds,
  });
  const sender = new OrderSender(urls.orderService, options.connections, tokens.customer);
  const client = new IntakeClient(
    sender,
    clock,
    options.duplicateShare,
    seededRandom(options.seed + 1),
  );
  const sampler = new PipelineSampler(
    {
      rabbitmq: options.rabbitmq,
      services: {
        'order-service': urls.orderService,
        'rider-assignment': urls.riderAssignment,
        'merchant-notify': urls.merchantNotify,
        ledger: urls.ledger,
      },
      bearer: tokens.operator,
    },
    clock,
    options.sampleMs,
  );

  let stage = `${options.profile.name}`;
  const stopProgress = options.progress
    ? startProgressLine(() => stage, client, sampler, clock)
    : () => undefined;
  sampler.start();
  let drive;
  try {
    drive = await driveProfile(options.profile, client, {
      closedLoop: options.closedLoop,
      connections: options.connections,
      clock,
      nextOrder,
    });
    await sender.close();
    await sampler.stop();
    stage = 'draining';
    const deadline = Date.now() + options.drainTimeoutS * 1000;
    const drained = await waitForDrain(sampler, deadline, options.sampleMs);
    if (!drained) log(`queues not empty after ${options.drainTimeoutS} s; auditing what is there`);
    stage = 'auditing';
    const accepted = uniqueAccepted(client);
    const endToEnd: Record<string, number[]> = {};
    const audit = await auditPipeline(
      { orderService: urls.orderService, ledger: urls.ledger, bearer: await tokens.operator() },
      accepted,
      {
        timeoutMs: Math.max(5_000, deadline - Date.now()),
        ...(ledgerBefore ? { ledgerBefore } : {}),
        onOrder: (view: AuditedOrderView) => {
          for (const [step, ms] of Object.entries(stepLatencies(view)))
            (endToEnd[step] ??= []).push(ms);
        },
      },
    );
    await sampler.sampleOnce();
    const report = buildLoadReport({
      runId,
      startedAt,
      options,
      drive,
      records: client.records,
      samples: sampler.samples,
      audit,
      drained,
      endToEnd,
    });
    if (sampler.lastQueueError && report.series.queues.length === 0) {
      log(`RabbitMQ management API unreadable (${sampler.lastQueueError}): no queue figures`);
    }
    mkdirSync(options.outDir, { recursive: true });
    const jsonPath = join(options.outDir, 'report.json');
    const htmlPath = join(options.outDir, 'report.html');
    writeFileSync(jsonPath, JSON.stringify(report, null, 2) + '\n');
    writeFileSync(htmlPath, renderHtmlReport(report));
    return { report, jsonPath, htmlPath };
  } finally {
    stopProgress();
    await sampler.stop();
  }
}

/** Each accepted order once: a duplicate answered with the same order is one order, not two. */
function uniqueAccepted(client: IntakeClient) {
  const orders = new Map<string, { id: string; totalCents: number }>();
  for (const record of client.records) {
    if (isAccepted(record) && record.order) orders.set(record.order.id, record.order);
  }
  return [...orders.values()];
}
