import { createTestDatabase } from '@dinner-rush/testing';
import { cpuDelta, readCpu, reapedChildrenCpu, serverTreeCpu } from '../shared/cpu-meter';
import { orderOutboxScript } from '../intake/order-outbox-script';
import { runPgbench } from '../intake/pgbench';

export const PGBENCH_CLIENTS = 8;

export interface DatabaseFloor {
  /** Transactions pgbench committed (the pipeline's count rounded up to a multiple of the clients). */
  transactions: number;
  clients: number;
  postgresMs: number;
  pgbenchMs: number;
  wallMs: number;
}

/**
 * The database's floor for the pipeline's transactions: pgbench committing as
 * many of the order + outbox INSERT transactions (intake's script) into a
 * scratch database with the order service's migrations, at 8 clients, flat
 * out. Counted: the whole PostgreSQL server and pgbench (reaped by this
 * process, so its time is in our cutime/cstime).
 */
export async function runDatabaseFloor(
  transactions: number,
  postmaster: number,
): Promise<DatabaseFloor> {
  const db = await createTestDatabase('bench_cost_floor');
  try {
    const url = new URL(await db.migrate('order-service', 'orders'));
    url.search = '';
    const perClient = Math.max(1, Math.ceil(transactions / PGBENCH_CLIENTS));
    const sources = [serverTreeCpu('postgres', postmaster), reapedChildrenCpu('pgbench')];
    const before = readCpu(sources);
    const started = performance.now();
    const result = await runPgbench(
      { url: url.toString(), schema: 'orders' },
      orderOutboxScript(),
      PGBENCH_CLIENTS,
      { transactionsPerClient: perClient },
    );
    const wallMs = performance.now() - started;
    const used = cpuDelta(before, readCpu(sources));
    return {
      transactions: result.transactions,
      clients: PGBENCH_CLIENTS,
      postgresMs: used.postgres ?? 0,
      pgbenchMs: used.pgbench ?? 0,
      wallMs: Math.round(wallMs),
    };
  } finally {
    await db.drop();
  }
}
