import {
  auditPipeline,
  pollOrders,
  type AcceptedOrder,
  type AuditedOrderView,
} from '@dinner-rush/audit';
import {
  FACTORY_CUSTOMERS,
  getJson,
  orderFactory,
  prefetchCustomerTokens,
  type Merchant,
} from '@dinner-rush/testing';
import { benchArgs, intList, takeSwitch } from '../shared/bench-args';
import { machineInfo } from '../shared/machine';
import { fireOpenLoop, type OrderStream, type Sample } from '../shared/open-loop';
import { summarise } from '@dinner-rush/pipeline-stats';
import { CONSUMER_STEPS, latencyToLastStep, REDUCED_STEPS } from '../shared/pipeline-steps';
import {
  CONSUMER_QUEUES,
  PIPELINE_WORK_QUEUES,
  QueueDepths,
  type DepthSample,
} from '../shared/queue-depths';
import { writeJson } from '../shared/results';
import { fullSetUp, NO_RATE_LIMITS, reducedSetUp, type SetUp } from '../shared/set-ups';
import { judgeKeepUp, type KeepUpVerdict } from './keep-up';

/**
 * npm run bench:e2e [-- --rates 25,50,100,200,400,800,1200 --step 15 --latency-duration 20
 *                      --latency-rate <orders/s> --reduced]
 * The whole pipeline as npm start runs it (five services and the dashboard, in
 * a scratch database and vhost): steady open-loop steps of rising rate until
 * the consumers stop keeping up (one of the five work queues grows, or intake
 * refuses), then, at half the highest rate that kept up, the p99 from order to
 * all four consumers' steps, from the timestamps the services record.
 * --reduced: the earlier set-up (four services, three queues and three steps watched).
 * Figures only.
 */
async function main(): Promise<void> {
  const reduced = takeSwitch(process.argv.slice(2), 'reduced');
  const args = benchArgs(reduced.rest, {
    rates: '25,50,100,200,400,800,1200',
    step: '15',
    'latency-duration': '20',
    // The rate the latency is measured at; by default half the highest rate that kept up.
    'latency-rate': '',
    fleet: '200',
    'delivery-ms': '200',
    out: 'bench/results/e2e.json',
  });
  const rates = intList(args.rates, 'rates');
  const stepS = Number(args.step);
  const machine = machineInfo();
  // A fleet big and fast enough that riders never queue: this measures the pipeline, not the fleet.
  const rider = {
    RIDER_FLEET_SIZE: args.fleet,
    RIDER_DELIVERY_MS: args['delivery-ms'],
    ...NO_RATE_LIMITS,
  };
  const setUp: SetUp = reduced.on
    ? await reducedSetUp(
        'bench-e2e',
        'four services',
        ['order-service', 'rider-assignment', 'merchant-notify', 'ledger'],
        rider,
      )
    : await fullSetUp('bench-e2e', rider);
  const watched: Record<string, string> = reduced.on ? CONSUMER_QUEUES : PIPELINE_WORK_QUEUES;
  const steps = reduced.on ? REDUCED_STEPS : CONSUMER_STEPS;
  console.log(`[e2e] ${setUp.label}; watching ${Object.values(watched).join(', ')}`);
  let depths: QueueDepths<string> | undefined;
  try {
    depths = await QueueDepths.open(setUp.rabbitmqUrl, watched);
    const orderUrl = setUp.url('order-service');
    const merchants = (await getJson<Merchant[]>(`${orderUrl}/merchants`)).body;
    const orders: OrderStream = {
      bodyFor: orderFactory(merchants, 11),
      tokenFor: await prefetchCustomerTokens(setUp.issueToken, FACTORY_CUSTOMERS),
    };
    const results: (KeepUpVerdict & { ratePerS: number; drainedInMs: number | null })[] = [];
    for (const ratePerS of rates) {
      const { samples, depthSamples } = await steadyRun(orderUrl, ratePerS, stepS, orders, depths);
      const verdict = judgeKeepUp({
        ratePerS,
        durationS: stepS,
        requests: samples.length,
        succeeded: samples.filter((s) => s.status === 201).length,
        depths: depthSamples,
      });
      const drainedInMs = await depths.untilEmpty(120_000);
      results.push({ ratePerS, ...verdict, drainedInMs });
      console.log(
        `[e2e] ${ratePerS}/s: ${verdict.keptUp ? 'kept up' : `fell behind (${verdict.reasons.join('; ')})`}`,
      );
      if (!verdict.keptUp) break;
    }
    const sustained = Math.max(0, ...results.filter((s) => s.keptUp).map((s) => s.ratePerS));
    const halfRate = args['latency-rate']
      ? Number(args['latency-rate'])
      : Math.max(1, Math.floor((sustained || (rates[0] ?? 2)) / 2));
    const latency = await latencyAt(
      {
        orderService: orderUrl,
        ledger: setUp.url('ledger'),
        bearer: await setUp.issueToken('operator'),
      },
      { ratePerS: halfRate, durationS: Number(args['latency-duration']), orders, depths, steps },
    );
    const result = {
      benchmark: 'e2e',
      at: new Date().toISOString(),
      machine,
      setUp: setUp.label,
      watchedQueues: Object.values(watched),
      stepS,
      riderFleet: rider,
      steps: results,
      sustainedOrdersPerS: sustained,
      latencyAtHalfRate: latency,
    };
    console.table(
      Object.fromEntries(
        results.map((s) => [
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
      `[${setUp.label}] sustained ${sustained} orders/s; at ${halfRate}/s order→all ${steps.length} consumer steps p50 ${latency.allStepsMs.p50} ms, p99 ${latency.allStepsMs.p99} ms (lost ${latency.lost}, applied twice ${latency.doubleApplied})`,
    );
    writeJson(args.out, result);
    console.log(`written ${args.out}`);
  } finally {
    await depths?.close();
    await setUp.stop();
  }
}

async function steadyRun(
  orderUrl: string,
  ratePerS: number,
  durationS: number,
  orders: OrderStream,
  depths: QueueDepths<string>,
): Promise<{ samples: Sample[]; depthSamples: DepthSample<string>[] }> {
  const depthSamples: DepthSample<string>[] = [];
  const reads: Promise<void>[] = [];
  const samples = await fireOpenLoop({
    url: `${orderUrl}/orders`,
    ratePerS,
    durationS,
    timeoutMs: 30_000,
    ...orders,
    onTick: (atMs) =>
      void reads.push(depths.read().then((d) => void depthSamples.push({ atMs, depths: d }))),
  });
  await Promise.allSettled(reads);
  return { samples, depthSamples: depthSamples.sort((a, b) => a.atMs - b.atMs) };
}

async function latencyAt(
  urls: { orderService: string; ledger: string; bearer: string },
  run: {
    ratePerS: number;
    durationS: number;
    orders: OrderStream;
    depths: QueueDepths<string>;
    steps: readonly string[];
  },
) {
  const { ratePerS, durationS } = run;
  const { samples } = await steadyRun(
    urls.orderService,
    ratePerS,
    durationS,
    run.orders,
    run.depths,
  );
  const accepted = samples.flatMap((s): AcceptedOrder[] => {
    const order = s.body as Partial<AcceptedOrder> | undefined;
    return s.status === 201 && typeof order?.id === 'string' && typeof order.totalCents === 'number'
      ? [{ id: order.id, totalCents: order.totalCents }]
      : [];
  });
  // The audit waits for its own three steps; customer-notify's may come later, so wait for every watched step first.
  await pollOrders<AuditedOrderView>(
    urls.orderService,
    accepted.map((order) => order.id),
    (view) => latencyToLastStep(view, run.steps) !== undefined,
    { timeoutMs: 120_000, intervalMs: 500, concurrency: 8, bearer: urls.bearer },
  );
  const allSteps: number[] = [];
  const audit = await auditPipeline(urls, accepted, {
    timeoutMs: 120_000,
    concurrency: 8,
    onOrder: (view) => {
      const ms = latencyToLastStep(view, run.steps);
      if (ms !== undefined) allSteps.push(ms);
    },
  });
  return {
    ratePerS,
    durationS,
    steps: run.steps,
    accepted: accepted.length,
    refused: samples.length - accepted.length,
    allStepsMs: summarise(allSteps),
    intakeMs: summarise(samples.map((s) => s.latencyMs)),
    lost: audit.lost.length,
    doubleApplied: audit.doubleApplied.length,
  };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
