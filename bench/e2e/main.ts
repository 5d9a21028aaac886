import { auditPipeline, stepLatencies, type AcceptedOrder } from '@dinner-rush/audit';
import { getJson, orderFactory, startScratchServices, type Merchant } from '@dinner-rush/testing';
import { benchArgs, intList } from '../shared/bench-args';
import { machineInfo } from '../shared/machine';
import { fireOpenLoop, type Sample } from '../shared/open-loop';
import { summarizeLatencies } from '../shared/percentiles';
import { QueueDepths, type DepthSample } from '../shared/queue-depths';
import { writeJson } from '../shared/results';
import { judgeKeepUp, type KeepUpVerdict } from './keep-up';

/**
 * npm run bench:e2e [-- --rates 25,50,100,200,400,800,1200 --step 15 --latency-duration 20]
 * The whole pipeline (four services in a scratch database and vhost): steady
 * open-loop steps of rising rate until the consumers stop keeping up (a queue
 * grows, or intake refuses), then, at half the highest rate that kept up, the
 * p99 from order to all three steps, from the timestamps the services record.
 * Figures only.
 */
async function main(): Promise<void> {
  const args = benchArgs(process.argv.slice(2), {
    rates: '25,50,100,200,400,800,1200',
    step: '15',
    'latency-duration': '20',
    fleet: '200',
    'delivery-ms': '200',
    out: 'bench/results/e2e.json',
  });
  const rates = intList(args.rates, 'rates');
  const stepS = Number(args.step);
  const machine = machineInfo();
  // A fleet big and fast enough that riders never queue: this measures the pipeline, not the fleet.
  const rider = { RIDER_FLEET_SIZE: args.fleet, RIDER_DELIVERY_MS: args['delivery-ms'] };
  const scratch = await startScratchServices('bench-e2e', {
    services: ['order-service', 'rider-assignment', 'merchant-notify', 'ledger'],
    env: { 'rider-assignment': rider },
    // The outbox poll as `npm start` runs it: a bench measures the real thing.
    common: { OUTBOX_POLL_MS: '1000' },
    oneAtATime: true,
  });
  const depths = await QueueDepths.open(scratch.vhost.url);
  try {
    const orderUrl = scratch.url('order-service');
    const merchants = (await getJson<Merchant[]>(`${orderUrl}/merchants`)).body;
    const bodyFor = orderFactory(merchants, 11);
    const steps: (KeepUpVerdict & { ratePerS: number; drainedInMs: number | null })[] = [];
    for (const ratePerS of rates) {
      const { samples, depthSamples } = await steadyRun(orderUrl, ratePerS, stepS, bodyFor, depths);
      const verdict = judgeKeepUp({
        ratePerS,
        durationS: stepS,
        requests: samples.length,
        succeeded: samples.filter((s) => s.status === 201).length,
        depths: depthSamples,
      });
      const drainedInMs = await untilDrained(depths, 120_000);
      steps.push({ ratePerS, ...verdict, drainedInMs });
      console.log(
        `[e2e] ${ratePerS}/s: ${verdict.keptUp ? 'kept up' : `fell behind (${verdict.reasons.join('; ')})`}`,
      );
      if (!verdict.keptUp) break;
    }
    const sustained = Math.max(0, ...steps.filter((s) => s.keptUp).map((s) => s.ratePerS));
    const halfRate = Math.max(1, Math.floor((sustained || (rates[0] ?? 2)) / 2));
    const latency = await latencyAt(
      orderUrl,
      scratch.url('ledger'),
      halfRate,
      Number(args['latency-duration']),
      bodyFor,
      depths,
    );
    const result = {
      benchmark: 'e2e',
      at: new Date().toISOString(),
      machine,
      stepS,
      riderFleet: rider,
      steps,
      sustainedOrdersPerS: sustained,
      latencyAtHalfRate: latency,
    };
    console.table(
      Object.fromEntries(
        steps.map((s) => [
          `${s.ratePerS}/s`,
          {
            'kept up': s.keptUp,
            'accepted/s': s.acceptedPerS,
            'end depths': JSON.stringify(s.endDepths),
          },
        ]),
      ),
    );
    console.log(
      `sustained ${sustained} orders/s; at ${halfRate}/s order→all steps p50 ${latency.allStepsMs.p50} ms, p99 ${latency.allStepsMs.p99} ms (lost ${latency.lost}, applied twice ${latency.doubleApplied})`,
    );
    writeJson(args.out, result);
    console.log(`written ${args.out}`);
  } finally {
    await depths.close();
    await scratch.stop();
  }
}

async function steadyRun(
  orderUrl: string,
  ratePerS: number,
  durationS: number,
  bodyFor: (n: number) => unknown,
  depths: QueueDepths,
): Promise<{ samples: Sample[]; depthSamples: DepthSample[] }> {
  const depthSamples: DepthSample[] = [];
  const reads: Promise<void>[] = [];
  const samples = await fireOpenLoop({
    url: `${orderUrl}/orders`,
    ratePerS,
    durationS,
    timeoutMs: 30_000,
    bodyFor,
    onTick: (atMs) =>
      void reads.push(depths.read().then((d) => void depthSamples.push({ atMs, depths: d }))),
  });
  await Promise.allSettled(reads);
  return { samples, depthSamples: depthSamples.sort((a, b) => a.atMs - b.atMs) };
}

/** Milliseconds until every consumer queue is empty; null if not within `timeoutMs`. */
async function untilDrained(depths: QueueDepths, timeoutMs: number): Promise<number | null> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const now = await depths.read();
    if (Object.values(now).every((d) => !d)) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return null;
}

async function latencyAt(
  orderUrl: string,
  ledgerUrl: string,
  ratePerS: number,
  durationS: number,
  bodyFor: (n: number) => unknown,
  depths: QueueDepths,
) {
  const { samples } = await steadyRun(orderUrl, ratePerS, durationS, bodyFor, depths);
  const accepted = samples.flatMap((s): AcceptedOrder[] => {
    const order = s.body as Partial<AcceptedOrder> | undefined;
    return s.status === 201 && typeof order?.id === 'string' && typeof order.totalCents === 'number'
      ? [{ id: order.id, totalCents: order.totalCents }]
      : [];
  });
  const allSteps: number[] = [];
  const audit = await auditPipeline({ orderService: orderUrl, ledger: ledgerUrl }, accepted, {
    timeoutMs: 120_000,
    concurrency: 8,
    onOrder: (view) => {
      const ms = stepLatencies(view).allSteps;
      if (ms !== undefined) allSteps.push(ms);
    },
  });
  return {
    ratePerS,
    durationS,
    accepted: accepted.length,
    refused: samples.length - accepted.length,
    allStepsMs: summarizeLatencies(allSteps),
    intakeMs: summarizeLatencies(samples.map((s) => s.latencyMs)),
    lost: audit.lost.length,
    doubleApplied: audit.doubleApplied.length,
  };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
