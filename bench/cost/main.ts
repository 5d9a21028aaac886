import { machineInfo } from '../shared/machine';
import { startNpmStartPipeline } from '../shared/npm-start-pipeline';
import { NO_RATE_LIMITS } from '../shared/set-ups';
import { writeJson } from '../shared/results';
import { runBrokerFloor } from './broker-floor';
import { costFigures } from './cost-figures';
import { costOptions } from './cost-options';
import { printCostTable } from './cost-table';
import { planFanout } from './fanout-plan';
import { LOAD, measurePipeline, type MeasuredPipeline } from './measure-pipeline';
import { runDatabaseFloor } from './pgbench-floor';

/**
 * npm run bench:cost [-- --rate 60 --duration 30 --warmup 5 --fleet N --delivery-ms 1000]
 * CPU per completed order of every process of `npm start` (from /proc), with
 * the database transactions and broker messages per order, beside the floor:
 * pgbench and a raw amqplib client doing the same number of transactions and
 * messages. Figures only; fails only on a lost or doubly applied order.
 */
async function main(): Promise<void> {
  const options = costOptions(process.argv.slice(2));
  const machine = machineInfo();
  const pipeline = await startNpmStartPipeline('bench-cost', {
    RIDER_FLEET_SIZE: String(options.fleet),
    RIDER_DELIVERY_MS: String(options.deliveryMs),
    ...NO_RATE_LIMITS,
  });
  let measured: MeasuredPipeline;
  try {
    measured = await measurePipeline(pipeline, options);
  } finally {
    await pipeline.stop();
  }
  const { window, postmaster, beam } = measured;
  console.log(
    `[cost] floor: pgbench ${window.transactions} transactions; raw amqplib ${window.publishes} publishes → ${window.deliveries} deliveries`,
  );
  const database = await runDatabaseFloor(window.transactions, postmaster);
  const broker = await runBrokerFloor(planFanout(window.publishes, window.deliveries), beam);
  const figures = costFigures(window, { database, broker }, LOAD, measured.idle.cpuMsPerS);
  printCostTable(figures, measured.idle, LOAD, {
    completedOrders: window.completedOrders,
    brokerSource: measured.brokerSource,
    machine,
    otherDatabasesCommits: measured.extra.otherDatabasesCommittedUntilRead,
  });
  const { lost, doubleApplied } = measured.completion;
  console.log(`lost ${lost.length}, applied twice ${doubleApplied.length}`);
  writeJson(options.out, {
    benchmark: 'cost',
    at: new Date().toISOString(),
    machine,
    setUp:
      'full pipeline as npm start runs it (node dist/tools/start-all.js: five services + dashboard)',
    options,
    idle: measured.idle,
    window: { ...window, brokerCountsFrom: measured.brokerSource, ...measured.extra },
    completion: measured.completion,
    floor: { database, broker },
    figures,
  });
  console.log(`written ${options.out}`);
  if (lost.length > 0 || doubleApplied.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
