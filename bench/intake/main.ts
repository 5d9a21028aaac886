import { createTestDatabase, issuerTokens } from '@dinner-rush/testing';
import { benchArgs, intList, takeSwitch } from '../shared/bench-args';
import { machineInfo } from '../shared/machine';
import { PIPELINE_WORK_QUEUES, QueueDepths } from '../shared/queue-depths';
import { ratio, writeJson } from '../shared/results';
import { fullSetUp, NO_RATE_LIMITS, reducedSetUp, type SetUp } from '../shared/set-ups';
import { runHttpIntake, type HttpIntakeResult } from './http-intake';
import { orderOutboxScript } from './order-outbox-script';
import { runPgbench, type PgbenchResult } from './pgbench';

/**
 * npm run bench:intake [-- --connections 8,32,64 --duration 10 --order-url URL --reduced]
 *   (or the older form: npm run bench:intake -- <connections> <seconds>)
 * POST /orders at each concurrency (autocannon) beside pgbench committing the
 * same order + outbox INSERTs at that concurrency on the same PostgreSQL: the
 * ratio says how much of the database's limit the service reaches. Without
 * --order-url the whole pipeline is started as npm start runs it (scratch
 * database and vhost), so the consumers work through the orders while intake
 * is measured; before each level the work queues drain, so pgbench and each
 * level start from a quiet pipeline. --reduced: order-service alone, as before.
 * pgbench always writes to a scratch database of its own (never the
 * pipeline's: its outbox rows would be published). Figures, never a failure.
 */
async function main(): Promise<void> {
  const reduced = takeSwitch(process.argv.slice(2), 'reduced');
  const args = benchArgs(
    reduced.rest,
    {
      connections: '8,32,64',
      duration: '10',
      'order-url': '',
      'drain-timeout': '600',
      out: 'bench/results/intake.json',
    },
    ['connections', 'duration'],
  );
  const levels = intList(args.connections, 'connections');
  const durationS = Number(args.duration);
  const machine = machineInfo();
  const limitDb = await createTestDatabase('bench_pgbench');
  let setUp: SetUp | undefined;
  let depths: QueueDepths<string> | undefined;
  try {
    const limitUrl = new URL(await limitDb.migrate('order-service', 'orders'));
    limitUrl.search = '';
    if (!args['order-url']) {
      setUp = reduced.on
        ? await reducedSetUp(
            'bench-intake',
            'order-service alone',
            ['order-service'],
            NO_RATE_LIMITS,
          )
        : await fullSetUp('bench-intake', NO_RATE_LIMITS);
      console.log(`[intake] ${setUp.label}`);
      // Only the full pipeline has consumers whose backlog would compete with the next level.
      if (!reduced.on) depths = await QueueDepths.open(setUp.rabbitmqUrl, PIPELINE_WORK_QUEUES);
    }
    const orderUrl = args['order-url'] || (setUp?.url('order-service') ?? '');
    // A pipeline someone else started trusts OIDC_ISSUER (npm start's dev issuer by default).
    const issueToken = setUp?.issueToken ?? issuerTokens();
    const script = orderOutboxScript();
    const rows: {
      connections: number;
      service: HttpIntakeResult;
      pgbench: PgbenchResult;
      ratio: number | null;
      /** How long the previous level's backlog took to drain before this one (full pipeline; null: not drained). */
      drainedBeforeMs: number | null;
    }[] = [];
    for (const connections of levels) {
      const drainedBeforeMs = depths ? await drain(depths, Number(args['drain-timeout'])) : null;
      const pgbench = await runPgbench(
        { url: limitUrl.toString(), schema: 'orders' },
        script,
        connections,
        { durationS },
      );
      const service = await runHttpIntake(orderUrl, issueToken, connections, durationS);
      rows.push({
        connections,
        service,
        pgbench,
        ratio: ratio(service.ordersPerS, pgbench.transactionsPerS),
        drainedBeforeMs,
      });
      console.log(
        `[intake] ${connections} connections: service ${service.ordersPerS}/s, pgbench ${pgbench.transactionsPerS}/s`,
      );
    }
    const result = {
      benchmark: 'intake',
      at: new Date().toISOString(),
      machine,
      durationS,
      setUp: args['order-url'] ? `external order service at ${args['order-url']}` : setUp?.label,
      levels: rows,
    };
    console.log(`[intake] ${result.setUp ?? ''}`);
    console.table(
      Object.fromEntries(
        rows.map((r) => [
          `${r.connections} conn`,
          {
            'orders/s': r.service.ordersPerS,
            'p50 ms': r.service.latencyMs.p50,
            'p99 ms': r.service.latencyMs.p99,
            'pgbench tx/s': r.pgbench.transactionsPerS,
            'pgbench p99 ms': r.pgbench.latencyMs.p99,
            ratio: r.ratio,
            'non-2xx': r.service.non2xx + r.service.errors,
          },
        ]),
      ),
    );
    writeJson(args.out, result);
    console.log(`written ${args.out}`);
  } finally {
    await depths?.close();
    await setUp?.stop();
    await limitDb.drop();
  }
}

/** Waits for the consumers to work off the previous level's orders; says so when they do not in time. */
async function drain(depths: QueueDepths<string>, timeoutS: number): Promise<number | null> {
  const drainedMs = await depths.untilEmpty(timeoutS * 1_000, 1_000);
  if (drainedMs === null)
    console.warn(`[intake] work queues not empty after ${timeoutS} s; going on`);
  else if (drainedMs > 1_000)
    console.log(`[intake] work queues drained in ${Math.round(drainedMs / 1_000)} s`);
  return drainedMs;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
