import { cpuDelta, readCpu, type CpuReading, type CpuSource } from '../shared/cpu-meter';
import { commitsElsewhere, committedTransactions } from '../shared/db-transactions';

export interface IdleCost {
  seconds: number;
  /** CPU ms per second of each process while nothing is sent. */
  cpuMsPerS: CpuReading;
  transactionsPerS: number;
  /** Commits per second in the server's other databases meanwhile (someone else's load). */
  otherDatabasesTransactionsPerS: number;
}

/**
 * What the pipeline costs doing nothing: outbox polls, pool keep-alives, the
 * dashboard's polling, the broker's own ticks. Also what the measured window
 * pays for its own length besides the orders.
 */
export async function measureIdle(
  sources: readonly CpuSource[],
  db: { adminUrl: string; name: string },
  seconds: number,
): Promise<IdleCost> {
  const tx = await committedTransactions(db.adminUrl, db.name);
  const before = readCpu(sources);
  await new Promise((resolve) => setTimeout(resolve, seconds * 1_000));
  const used = cpuDelta(before, readCpu(sources));
  const txAfter = await committedTransactions(db.adminUrl, db.name);
  const perS = (n: number) => Math.round((n / seconds) * 100) / 100;
  return {
    seconds,
    cpuMsPerS: Object.fromEntries(Object.entries(used).map(([name, ms]) => [name, perS(ms)])),
    transactionsPerS: perS(txAfter.database - tx.database),
    otherDatabasesTransactionsPerS: perS(commitsElsewhere(tx, txAfter)),
  };
}
