import { consumerQueue } from '@dinner-rush/contracts';
import {
  FACTORY_CUSTOMERS,
  getJson,
  orderFactory,
  prefetchCustomerTokens,
  readInfraFromEnv,
  type Merchant,
} from '@dinner-rush/testing';
import { openBrokerCounter } from '../shared/broker-counters';
import { cpuDelta, readCpu, selfCpu, serverTreeCpu, type CpuSource } from '../shared/cpu-meter';
import {
  commitsElsewhere,
  committedTransactions,
  STATS_IDLE_FLUSH_MS,
} from '../shared/db-transactions';
import { PIPELINE_SERVICES } from '../shared/npm-start-ports';
import type { NpmStartPipeline } from '../shared/npm-start-pipeline';
import { pipelineCpu } from '../shared/pipeline-processes';
import { DELIVERED_STEPS } from '../shared/pipeline-steps';
import { PIPELINE_WORK_QUEUES, QueueDepths } from '../shared/queue-depths';
import { brokerPid, postmasterPid } from '../shared/server-processes';
import { checkCompleted } from './completed-orders';
import type { CostOptions } from './cost-options';
import { measureIdle } from './idle-window';
import { placeOrders } from './measured-load';
import { appliedStatusEvents, untilPipelineQuiet } from './pipeline-quiet';

export const POSTGRES = 'PostgreSQL (whole server)';
export const RABBITMQ = 'RabbitMQ (whole node)';
export const LOAD = 'load generator (this bench)';
/** Boot's tail (JIT, first polls, migrations' and seeding's counts still to be flushed) is not idling. */
const BOOT_SETTLE_MS = STATS_IDLE_FLUSH_MS;
/** rider-assignment's second work queue: rides whose delivery timer ran out. */
const DELIVERIES_QUEUE = consumerQueue('rider-assignment', 'deliveries').queue;

export type MeasuredPipeline = Awaited<ReturnType<typeof measurePipeline>>;

/**
 * The pipeline's part of bench:cost: idle window, warm-up, then the measured
 * window from a quiet pipeline to a quiet pipeline. Snapshots: CPU of every
 * process (/proc), xact_commit of the scratch database, the broker's counters.
 * The end snapshot is taken when order-service has applied every status event
 * of every order and the queues are empty; the timelines and ledger are read
 * after it, so the audit's own reads are not counted.
 */
export async function measurePipeline(pipeline: NpmStartPipeline, options: CostOptions) {
  const orderUrl = pipeline.url('order-service');
  const adminUrl = readInfraFromEnv().postgresAdminUrl;
  const db = { adminUrl, name: pipeline.db.name };
  const postmaster = await postmasterPid(pipeline.databaseUrl);
  const beam = brokerPid(pipeline.vhost.url);
  const sources: CpuSource[] = [
    pipelineCpu(pipeline.startAllPid),
    serverTreeCpu(POSTGRES, postmaster),
    serverTreeCpu(RABBITMQ, beam),
    selfCpu(LOAD),
  ];
  const counter = await openBrokerCounter(
    pipeline.vhost.name,
    PIPELINE_SERVICES.map((service) => pipeline.url(service)),
    () => pipeline.issueToken('operator'),
  );
  const depths = await QueueDepths.open(pipeline.vhost.url, {
    ...PIPELINE_WORK_QUEUES,
    [DELIVERIES_QUEUE]: DELIVERIES_QUEUE,
  });
  try {
    const merchants = (await getJson<Merchant[]>(`${orderUrl}/merchants`)).body;
    const orders = {
      bodyFor: orderFactory(merchants, 7),
      tokenFor: await prefetchCustomerTokens(pipeline.issueToken, FACTORY_CUSTOMERS),
    };
    const operator = () => pipeline.issueToken('operator');
    await sleep(BOOT_SETTLE_MS);
    console.log(`[cost] idle for ${options.idleS} s`);
    const idle = await measureIdle(sources, db, options.idleS);

    console.log(`[cost] warm-up: ${options.ratePerS}/s for ${options.warmupS} s`);
    const appliedBeforeWarmup = await appliedStatusEvents(orderUrl, await operator());
    const warmup = await placeOrders(orderUrl, options.ratePerS, options.warmupS, orders, 0);
    const quietTimeoutMs = Math.max(120_000, options.durationS * 4_000);
    const warmTarget = appliedBeforeWarmup + warmup.accepted.length * DELIVERED_STEPS.length;
    const warm = await untilPipelineQuiet(
      orderUrl,
      await operator(),
      warmTarget,
      depths,
      quietTimeoutMs,
    );
    if (!warm.reached) console.warn('[cost] the warm-up did not finish in time; measuring anyway');

    // The warm-up's commits must be in pg_stat_database before the first read, not land in the window.
    await sleep(STATS_IDLE_FLUSH_MS);
    const countsBefore = await counter.settled();
    const txBefore = await committedTransactions(adminUrl, db.name);
    const appliedBefore = await appliedStatusEvents(orderUrl, await operator());
    const cpuBefore = readCpu(sources);

    console.log(`[cost] measuring: ${options.ratePerS}/s for ${options.durationS} s`);
    const started = Date.now();
    const load = await placeOrders(
      orderUrl,
      options.ratePerS,
      options.durationS,
      orders,
      Math.ceil(options.ratePerS * options.warmupS),
    );
    const target = appliedBefore + load.accepted.length * DELIVERED_STEPS.length;
    const quiet = await untilPipelineQuiet(
      orderUrl,
      await operator(),
      target,
      depths,
      quietTimeoutMs,
    );
    if (!quiet.reached)
      console.warn(
        '[cost] the pipeline did not finish in time; the audit will say what is missing',
      );
    const cpuMs = cpuDelta(cpuBefore, readCpu(sources));
    const ended = Date.now();
    const windowMs = ended - started;
    const countsAfter = await counter.settled();
    // Wait for the window's last commits to be reported, then take off what idling committed meanwhile.
    await sleep(Math.max(0, STATS_IDLE_FLUSH_MS - (Date.now() - ended)));
    const txAfter = await committedTransactions(adminUrl, db.name);
    const committedSince = txAfter.database - txBefore.database;
    const idleAfterWindow = Math.round((idle.transactionsPerS * (Date.now() - ended)) / 1_000);
    const transactions = Math.max(0, committedSince - idleAfterWindow);

    console.log(
      `[cost] checking ${load.accepted.length} orders (after the snapshot, so not counted)`,
    );
    const completion = await checkCompleted(
      { orderService: orderUrl, ledger: pipeline.url('ledger'), bearer: await operator() },
      load.accepted,
    );
    return {
      postmaster,
      beam,
      idle,
      brokerSource: counter.source,
      completion,
      window: {
        completedOrders: completion.complete,
        windowMs,
        cpuMs,
        transactions,
        publishes: countsAfter.publish - countsBefore.publish,
        deliveries: countsAfter.deliver - countsBefore.deliver,
      },
      extra: {
        accepted: load.accepted.length,
        refused: load.refused,
        intakeMs: load.intakeMs,
        drainedAfterLoadMs: quiet.waitedMs,
        quietReached: quiet.reached,
        warmup: { accepted: warmup.accepted.length, refused: warmup.refused },
        brokerCounts: { before: countsBefore, after: countsAfter },
        transactionsCommittedUntilRead: committedSince,
        otherDatabasesCommittedUntilRead: commitsElsewhere(txBefore, txAfter),
        idleTransactionsTakenOff: idleAfterWindow,
        pids: pipeline.processes().map(({ name, pids }) => ({ name, pids })),
        postmaster,
        beam,
      },
    };
  } finally {
    await depths.close();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
