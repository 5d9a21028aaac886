import { Queues } from '@dinner-rush/contracts';
import type { PipelineSample } from './sampling/pipeline-sampler';
import { DRAIN_QUIET_MS, waitForDrain } from './wait-for-drain';

/** A sampler that reads the given ledger depths in turn (the other queues empty), on a fake clock. */
function readings(ledgerDepths: number[]) {
  let t = 0;
  let i = 0;
  const queues = (ledger: number) =>
    Object.fromEntries(
      [Queues.riderAssignment, Queues.merchantNotify, Queues.ledger, Queues.orderTracking].map(
        (q) => [q.queue, { messages: q === Queues.ledger ? ledger : 0 }],
      ),
    ) as PipelineSample['queues'];
  return {
    now: () => t,
    sampler: {
      sampleOnce: () => {
        const depth = ledgerDepths[Math.min(i++, ledgerDepths.length - 1)] ?? 0;
        t += 1_000;
        return Promise.resolve({ tMs: t, queues: queues(depth), waitingLine: null, services: {} });
      },
    },
  };
}

describe('waitForDrain', () => {
  it('is drained only once the queues have read empty for longer than a statistics refresh', async () => {
    const { sampler, now } = readings([0]);
    await expect(waitForDrain(sampler, 60_000, 0, now)).resolves.toBe(true);
    expect(now()).toBeGreaterThanOrEqual(DRAIN_QUIET_MS);
  });

  it('a stale empty reading followed by the real depth is not drained', async () => {
    const { sampler, now } = readings([0, 0, 0, 10]);
    await expect(waitForDrain(sampler, 5_000, 0, now)).resolves.toBe(false);
  });

  it('never drained while a queue keeps messages', async () => {
    const { sampler, now } = readings([0, 0, 7]);
    await expect(waitForDrain(sampler, 30_000, 0, now)).resolves.toBe(false);
  });

  it('waits for every consumer queue the sample names, a scaffolded one too', async () => {
    let t = 0;
    const sampler = {
      sampleOnce: () => {
        t += 1_000;
        const queues = Object.fromEntries([
          ...[
            Queues.riderAssignment,
            Queues.merchantNotify,
            Queues.ledger,
            Queues.orderTracking,
          ].map((q) => [q.queue, { messages: 0 }]),
          ['loyalty.orders', { messages: 3 }],
        ]) as PipelineSample['queues'];
        return Promise.resolve({
          tMs: t,
          queues,
          consumerQueues: ['loyalty.orders'],
          waitingLine: null,
          services: {},
        });
      },
    };
    await expect(waitForDrain(sampler, 20_000, 0, () => t)).resolves.toBe(false);
  });
});
