import {
  createTestDatabase,
  startScratchServices,
  type ScratchServices,
} from '@dinner-rush/testing';
import { benchArgs, intList } from '../shared/bench-args';
import { machineInfo } from '../shared/machine';
import { ratio, writeJson } from '../shared/results';
import { runHttpIntake, type HttpIntakeResult } from './http-intake';
import { orderOutboxScript } from './order-outbox-script';
import { runPgbench, type PgbenchResult } from './pgbench';

/**
 * npm run bench:intake [-- --connections 8,32,64 --duration 10 --order-url URL]
 *   (or the older form: npm run bench:intake -- <connections> <seconds>)
 * POST /orders at each concurrency (autocannon) beside pgbench committing the
 * same order + outbox INSERTs at that concurrency on the same PostgreSQL: the
 * ratio says how much of the database's limit the service reaches. Without
 * --order-url an order-service is started in a scratch database and vhost.
 * pgbench always writes to a scratch database of its own (never the
 * pipeline's: its outbox rows would be published). Figures, never a failure.
 */
async function main(): Promise<void> {
  const args = benchArgs(
    process.argv.slice(2),
    {
      connections: '8,32,64',
      duration: '10',
      'order-url': '',
      out: 'bench/results/intake.json',
    },
    ['connections', 'duration'],
  );
  const levels = intList(args.connections, 'connections');
  const durationS = Number(args.duration);
  const machine = machineInfo();
  const limitDb = await createTestDatabase('bench_pgbench');
  let scratch: ScratchServices<'order-service'> | undefined;
  try {
    const limitUrl = new URL(await limitDb.migrate('order-service', 'orders'));
    limitUrl.search = '';
    if (!args['order-url']) {
      scratch = await startScratchServices('bench-intake', {
        services: ['order-service'],
        // The outbox poll as `npm start` runs it: a bench measures the real thing.
        common: { OUTBOX_POLL_MS: '1000' },
        oneAtATime: true,
      });
    }
    const orderUrl = args['order-url'] || (scratch?.url('order-service') ?? '');
    const script = orderOutboxScript();
    const rows: {
      connections: number;
      service: HttpIntakeResult;
      pgbench: PgbenchResult;
      ratio: number | null;
    }[] = [];
    for (const connections of levels) {
      const pgbench = await runPgbench(
        { url: limitUrl.toString(), schema: 'orders' },
        script,
        connections,
        durationS,
      );
      const service = await runHttpIntake(orderUrl, connections, durationS);
      rows.push({
        connections,
        service,
        pgbench,
        ratio: ratio(service.ordersPerS, pgbench.transactionsPerS),
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
      orderService: args['order-url']
        ? `external ${args['order-url']}`
        : 'scratch (started by the bench)',
      levels: rows,
    };
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
    await scratch?.stop();
    await limitDb.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
