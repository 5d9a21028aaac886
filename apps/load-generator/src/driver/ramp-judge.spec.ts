import type { RampBounds } from '../profiles/profile';
import type { IntakeClient } from './intake-client';
import { judgeRampStep } from './ramp-judge';
import type { RequestRecord } from './request-record';

const bounds: RampBounds = { p99Ms: 100, errorRate: 0.1, maxRate: 50, stepRate: 10, stepS: 1 };
const step = (rate: number) => ({
  name: `ramp-${rate}`,
  durationS: 1,
  fromRate: rate,
  toRate: rate,
});

/** The two things the judge reads of the client: answers, and requests still out. */
function client(
  records: Partial<RequestRecord>[],
  inFlight: { phase: string; dueMs: number }[] = [],
) {
  return {
    records: records.map((r) => ({ invalid: false, dueMs: 0, outcome: 201, ...r })),
    inFlight: new Map(inFlight.map((r, i) => [i, r])),
  } as unknown as IntakeClient;
}
const answers = (phase: string, latencyMs: number, n = 10, outcome: number | string = 201) =>
  Array.from({ length: n }, () => ({ phase, latencyMs, outcome }));

describe('judgeRampStep', () => {
  it('keeps climbing while within bounds; the knee is the last step that stayed within', () => {
    const first = judgeRampStep(bounds, step(10), client(answers('ramp-10', 20)), 1000, undefined);
    expect(first).toMatchObject({ knee: { rate: 10, p99Ms: 20 } });
    expect(first.stoppedBecause).toBeUndefined();
    const second = judgeRampStep(bounds, step(20), client(answers('ramp-20', 300)), 2000, first);
    expect(second).toMatchObject({ stoppedBecause: 'p99', knee: { rate: 10 } });
    expect(second.steps).toHaveLength(2);
  });

  it('stops on errors (refused test orders do not count) and at the maximum rate', () => {
    const failing = [...answers('ramp-10', 5, 8), ...answers('ramp-10', 5, 2, 'error:ECONNRESET')];
    expect(judgeRampStep(bounds, step(10), client(failing), 1000, undefined)).toMatchObject({
      stoppedBecause: 'errors',
      knee: null,
    });
    const refused = [
      ...answers('ramp-10', 5, 8),
      { phase: 'ramp-10', latencyMs: 5, outcome: 400, invalid: true },
    ];
    expect(
      judgeRampStep(bounds, step(10), client(refused), 1000, undefined).stoppedBecause,
    ).toBeUndefined();
    expect(
      judgeRampStep(bounds, step(50), client(answers('ramp-50', 5)), 1000, undefined),
    ).toMatchObject({
      stoppedBecause: 'max-rate',
      knee: { rate: 50 },
    });
  });

  it('counts a request still unanswered at the end of its step as at least as slow as it has waited', () => {
    const slow = client(answers('ramp-10', 5, 10), [{ phase: 'ramp-10', dueMs: 0 }]);
    expect(judgeRampStep(bounds, step(10), slow, 5000, undefined)).toMatchObject({
      stoppedBecause: 'p99',
    });
  });
});
