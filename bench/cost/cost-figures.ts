import type { CpuReading } from '../shared/cpu-meter';
import { ratio } from '../shared/results';
import type { BrokerFloor } from './broker-floor';
import type { DatabaseFloor } from './pgbench-floor';

/** What the pipeline used in the measured window, from the first snapshot to the last. */
export interface PipelineWindow {
  completedOrders: number;
  /** From the first snapshot to the last (the load, then the drain). */
  windowMs: number;
  cpuMs: CpuReading;
  transactions: number;
  publishes: number;
  deliveries: number;
}

export interface CostFigures {
  /** CPU ms per completed order of every process measured, the load generator included. */
  cpuMsPerOrder: Record<string, number>;
  /**
   * What each process would have used idling for as long as the window lasted,
   * per order: the part of the figure that shrinks as the rate grows.
   */
  idleShareMsPerOrder: Record<string, number>;
  /** Every process but the load generator: what running the pipeline costs. */
  pipelineMsPerOrder: number;
  pipelineIdleShareMsPerOrder: number;
  loadGeneratorMsPerOrder: number;
  floorMsPerOrder: number;
  floorPartsMsPerOrder: { postgres: number; pgbench: number; rabbitmq: number; rawClient: number };
  /** Pipeline ÷ floor: how many times the bare database and broker work the pipeline spends. */
  ratio: number | null;
  transactionsPerOrder: number;
  publishesPerOrder: number;
  deliveriesPerOrder: number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Everything divided by the pipeline's completed orders (the floor too: the same work, done bare). */
export function costFigures(
  window: PipelineWindow,
  floor: { database: DatabaseFloor; broker: BrokerFloor },
  loadGenerator: string,
  idleCpuMsPerS: Record<string, number>,
): CostFigures {
  const orders = Math.max(1, window.completedOrders);
  const per = (n: number) => round2(n / orders);
  const cpuMsPerOrder = Object.fromEntries(
    Object.entries(window.cpuMs).map(([name, ms]) => [name, per(ms)]),
  );
  const pipeline = (reading: Record<string, number>) =>
    Object.entries(reading)
      .filter(([name]) => name !== loadGenerator)
      .reduce((sum, [, ms]) => sum + ms, 0);
  const pipelineMs = pipeline(window.cpuMs);
  const idleMs = Object.fromEntries(
    Object.keys(window.cpuMs).map((name) => [
      name,
      ((idleCpuMsPerS[name] ?? 0) * window.windowMs) / 1_000,
    ]),
  );
  const parts = {
    postgres: floor.database.postgresMs,
    pgbench: floor.database.pgbenchMs,
    rabbitmq: floor.broker.rabbitmqMs,
    rawClient: floor.broker.clientMs,
  };
  const floorMs = parts.postgres + parts.pgbench + parts.rabbitmq + parts.rawClient;
  return {
    cpuMsPerOrder,
    idleShareMsPerOrder: Object.fromEntries(
      Object.entries(idleMs).map(([name, ms]) => [name, per(ms)]),
    ),
    pipelineMsPerOrder: per(pipelineMs),
    pipelineIdleShareMsPerOrder: per(pipeline(idleMs)),
    loadGeneratorMsPerOrder: per(window.cpuMs[loadGenerator] ?? 0),
    floorMsPerOrder: per(floorMs),
    floorPartsMsPerOrder: {
      postgres: per(parts.postgres),
      pgbench: per(parts.pgbench),
      rabbitmq: per(parts.rabbitmq),
      rawClient: per(parts.rawClient),
    },
    ratio: ratio(pipelineMs, floorMs),
    transactionsPerOrder: per(window.transactions),
    publishesPerOrder: per(window.publishes),
    deliveriesPerOrder: per(window.deliveries),
  };
}
