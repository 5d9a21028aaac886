import type { DepthSample } from '../shared/queue-depths';
import { judgeKeepUp, slope } from './keep-up';

const depthsOver = (seconds: number, ledgerAt: (s: number) => number): DepthSample[] =>
  Array.from({ length: seconds }, (_, s) => ({
    atMs: (s + 1) * 1_000,
    depths: { 'rider-assignment': 0, 'merchant-notify': 1, ledger: ledgerAt(s + 1) },
  }));

describe('judgeKeepUp', () => {
  const step = { ratePerS: 100, durationS: 10, requests: 1_000, succeeded: 1_000 };

  it('keeps up when queues stay shallow and flat', () => {
    const verdict = judgeKeepUp({ ...step, depths: depthsOver(10, (s) => (s % 2) * 3) });
    expect(verdict).toMatchObject({ keptUp: true, reasons: [], acceptedPerS: 100 });
  });

  it('does not when a queue keeps growing', () => {
    const verdict = judgeKeepUp({ ...step, depths: depthsOver(10, (s) => s * 30) });
    expect(verdict.keptUp).toBe(false);
    expect(verdict.reasons.join()).toMatch(/ledger queue grew 30\.0\/s/);
    expect(verdict.growthPerS.ledger).toBe(30);
  });

  it('reads a wiggle in a shallow queue as noise, not as falling behind', () => {
    const verdict = judgeKeepUp({ ...step, depths: depthsOver(10, (s) => s * 8) });
    expect(verdict.growthPerS.ledger).toBeGreaterThan(5);
    expect(verdict.keptUp).toBe(true);
  });

  it('does not when intake could not take the rate', () => {
    const verdict = judgeKeepUp({ ...step, succeeded: 700, depths: depthsOver(10, () => 0) });
    expect(verdict.keptUp).toBe(false);
    expect(verdict.reasons.join()).toMatch(/intake/);
  });

  it('computes a least-squares slope', () => {
    expect(
      slope([
        { x: 0, y: 1 },
        { x: 1, y: 3 },
        { x: 2, y: 5 },
      ]),
    ).toBe(2);
    expect(slope([{ x: 1, y: 9 }])).toBe(0);
  });
});
