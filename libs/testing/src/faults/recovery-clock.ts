import type { BrokerInspector } from './broker-inspector';
import type { PipelineDatabase } from './pipeline-database';
import { waitFor } from '../wait-for';

/** Outbox lag under which a relay counts as caught up. */
export const CAUGHT_UP_LAG_MS = 1_000;

export interface Recovery {
  /** Fault end → every work queue has a consumer and every outbox lags under a second. */
  recoveryMs: number;
  /** When consumers were all back (ms after the fault ended). */
  consumersBackMs: number;
}

/**
 * Measures recovery from the moment a fault ended: first every work queue has
 * at least one consumer again, then every service's outbox lags less than
 * CAUGHT_UP_LAG_MS. Fails (never hangs) if that does not happen in time.
 */
export async function measureRecovery(
  faultEndedAt: number,
  broker: BrokerInspector,
  database: PipelineDatabase,
  workQueues: readonly string[],
  timeoutMs = 120_000,
): Promise<Recovery> {
  await waitFor(
    async () => {
      const states = await Promise.all(workQueues.map((q) => broker.queueState(q)));
      return states.every((s) => s.consumers > 0) ? true : undefined;
    },
    { timeoutMs, intervalMs: 100, what: `a consumer on each of ${workQueues.join(', ')}` },
  );
  const consumersBackMs = Date.now() - faultEndedAt;
  await waitFor(async () => ((await database.maxLagMs()) < CAUGHT_UP_LAG_MS ? true : undefined), {
    timeoutMs,
    intervalMs: 100,
    what: `every outbox lagging under ${CAUGHT_UP_LAG_MS} ms`,
  });
  return { recoveryMs: Date.now() - faultEndedAt, consumersBackMs };
}
