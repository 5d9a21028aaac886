import type { MachineInfo } from '../shared/machine';
import type { CostFigures } from './cost-figures';
import type { IdleCost } from './idle-window';

interface Row {
  'CPU ms/order': number | string;
  'of which idling': number | string;
  'idle CPU ms/s': number | string;
}

/** The terminal summary: one row per process, then the totals, the floor and the counts. */
export function printCostTable(
  figures: CostFigures,
  idle: IdleCost,
  loadGenerator: string,
  extra: {
    completedOrders: number;
    brokerSource: string;
    machine: MachineInfo;
    /** Commits in the server's other databases during the window (its CPU is counted whole). */
    otherDatabasesCommits: number;
  },
): void {
  // A process row shows its idle figures; a total or floor row only its CPU per order.
  const row = (ms: number | string, name?: string): Row => ({
    'CPU ms/order': ms,
    'of which idling': name === undefined ? '' : (figures.idleShareMsPerOrder[name] ?? ''),
    'idle CPU ms/s': name === undefined ? '' : (idle.cpuMsPerS[name] ?? ''),
  });
  const rows: Record<string, Row> = {};
  for (const [name, ms] of Object.entries(figures.cpuMsPerOrder)) {
    if (name !== loadGenerator) rows[name] = row(ms, name);
  }
  rows['= pipeline total'] = {
    ...row(figures.pipelineMsPerOrder),
    'of which idling': figures.pipelineIdleShareMsPerOrder,
  };
  rows[`${loadGenerator}, not in the total`] = row(figures.loadGeneratorMsPerOrder, loadGenerator);
  const floor = figures.floorPartsMsPerOrder;
  rows['floor: PostgreSQL under pgbench'] = row(floor.postgres);
  rows['floor: pgbench'] = row(floor.pgbench);
  rows['floor: RabbitMQ under raw amqplib'] = row(floor.rabbitmq);
  rows['floor: raw amqplib client'] = row(floor.rawClient);
  rows['= floor total'] = row(figures.floorMsPerOrder);
  rows['ratio pipeline ÷ floor'] = row(figures.ratio ?? 'n/a');
  console.table(rows);
  console.table({
    'per completed order': {
      'db transactions': figures.transactionsPerOrder,
      'broker publishes': figures.publishesPerOrder,
      'broker deliveries': figures.deliveriesPerOrder,
    },
  });
  console.log(
    `${extra.completedOrders} completed orders; idle: ${idle.transactionsPerS} db transactions/s; ` +
      `broker counts from ${extra.brokerSource}`,
  );
  console.log(
    `shared PostgreSQL: other databases committed ${extra.otherDatabasesCommits} transactions during the window ` +
      `(${idle.otherDatabasesTransactionsPerS}/s while idle); the server's CPU is counted whole, so run on a quiet machine`,
  );
  const m = extra.machine;
  console.log(
    `machine: ${m.cores} cores, ${m.cpuModel}, ${m.memoryGiB} GiB, load ${m.loadAverage1m}, node ${m.node}`,
  );
}
