import { setTimeout as sleep } from 'node:timers/promises';
import type { OrderPlacer } from './order-placer';
import { SpikeRunner } from './spike-runner';

/** A stand-in for order-service that answers slower than the spike's pacing. */
function slowPlacer(answerMs: number, failEvery = 0) {
  let inFlight = 0;
  let most = 0;
  let calls = 0;
  const placer = {
    async placeOne() {
      calls += 1;
      const call = calls;
      inFlight += 1;
      most = Math.max(most, inFlight);
      await sleep(answerMs);
      inFlight -= 1;
      if (failEvery > 0 && call % failEvery === 0) throw new Error('429');
      return `order-${call}`;
    },
  };
  return { placer: placer as unknown as OrderPlacer, most: () => most };
}

async function finished(runner: SpikeRunner, ticks: { n: number }): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (runner.progress().running) {
    if (Date.now() > deadline)
      throw new Error(`spike still running: ${JSON.stringify(runner.progress())}`);
    await sleep(20);
  }
  expect(ticks.n).toBeGreaterThan(0);
}

describe('the dashboard spike runner', () => {
  it('places every order when order-service answers slower than the pacing, never more than 32 at once, and leaves the event loop free', async () => {
    const { placer, most } = slowPlacer(40, 7);
    const runner = new SpikeRunner(placer);
    const ticks = { n: 0 };
    const timer = setInterval(() => (ticks.n += 1), 5);
    try {
      // 400 orders in 0.1 s: far faster than 32 connections at 40 ms each can go.
      expect(runner.start(400, 0.1)).toBe(true);
      expect(runner.start(10, 1)).toBe(false);
      await finished(runner, ticks);
    } finally {
      clearInterval(timer);
    }
    const done = runner.progress();
    expect(done).toMatchObject({ running: false, planned: 400, sent: 400 });
    expect(done.accepted + done.failed).toBe(400);
    expect(done.failed).toBe(Math.floor(400 / 7));
    expect(most()).toBeLessThanOrEqual(32);
    expect(most()).toBeGreaterThan(1);
  });
});
