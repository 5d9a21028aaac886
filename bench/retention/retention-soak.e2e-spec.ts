import { overgrownTables } from './retention-bound';
import { runRetentionSoak, type SoakResult } from './retention-soak';
import { soakReport } from './soak-report';

/**
 * Retention keeps every table that traffic grows bounded: the whole pipeline
 * under a steady order rate, with every retention window shrunk to a few
 * seconds, lives through seven windows; a census of every table every few
 * seconds. The figures are printed (npm run bench:retention runs longer ones).
 */
jest.setTimeout(900_000);

const WINDOW_S = 8;
const SWEEP_MS = 1_000;
const RATE_PER_S = 5;
const DURATION_S = 56;
/** No row is older than the window until then, and one sweep later it must be gone. */
const FIRST_BOUNDED_S = 2 * WINDOW_S + SWEEP_MS / 1_000;

describe('retention under steady load: growing tables stay bounded, nothing lost', () => {
  let result: SoakResult;

  beforeAll(async () => {
    result = await runRetentionSoak(
      {
        ratePerS: RATE_PER_S,
        durationS: DURATION_S,
        windowS: WINDOW_S,
        sweepMs: SWEEP_MS,
        sampleEveryS: 4,
        label: 'retention-ci',
      },
      (line) => console.log(`[retention] ${line}`),
    );
    console.log(soakReport(result));
  });

  it('accepts every order and completes each exactly once', () => {
    expect(result.refused).toBe(0);
    expect(result.accepted).toBe(RATE_PER_S * DURATION_S);
    expect(result.audit).toMatchObject({
      complete: result.accepted,
      lost: [],
      doubleApplied: [],
      debitMismatch: [],
    });
  });

  it('each retained table holds at most twice its window’s rows, window after window', () => {
    const bounded = result.samples.filter((s) => s.elapsedS >= FIRST_BOUNDED_S);
    expect(bounded.length).toBeGreaterThanOrEqual(5);
    expect(overgrownTables(result.samples, FIRST_BOUNDED_S)).toEqual([]);
    // Every retained table took traffic all along: the bound is not met by an empty table.
    for (const sample of bounded)
      for (const table of sample.tables.filter((t) => t.kind === 'retained'))
        expect([
          sample.elapsedS,
          `${table.service}.${table.table}`,
          (table.recent ?? 0) > 0,
        ]).toEqual([sample.elapsedS, `${table.service}.${table.table}`, true]);
  });

  it('the sweeps deleted: the archive and the idempotency keys hold a fraction of the orders placed', () => {
    const last = result.samples.at(-1)?.tables ?? [];
    for (const table of ['outbox_archive', 'idempotency_keys']) {
      const count = last.find((t) => t.service === 'order-service' && t.table === table);
      expect([table, (count?.rows ?? Infinity) < result.accepted / 2]).toEqual([table, true]);
    }
  });

  it('the in-flight tables (outboxes, webhook deliveries) drain to empty once the load stops', () => {
    const drained = result.after.filter((t) => t.kind === 'drained');
    expect(drained.length).toBeGreaterThanOrEqual(6);
    expect(drained.filter((t) => t.rows > 0)).toEqual([]);
  });
});
