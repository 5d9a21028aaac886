import { summarizeRun } from './run-summary';

describe('summarizeRun', () => {
  it('counts statuses, errors and throughput from what the customer saw', () => {
    const summary = summarizeRun([
      { dueMs: 0, latencyMs: 100, status: 201 },
      { dueMs: 500, latencyMs: 300, status: 201 },
      { dueMs: 1_000, latencyMs: 200, status: 502 },
      { dueMs: 1_500, latencyMs: 500, status: 0 },
    ]);
    expect(summary.requests).toBe(4);
    expect(summary.succeeded).toBe(2);
    expect(summary.byStatus).toEqual({ '0': 1, '201': 2, '502': 1 });
    expect(summary.errorRate).toBe(0.5);
    expect(summary.throughputPerS).toBe(1); // 2 successes over 2 s (last answer at 2,000 ms)
    expect(summary.latencyMs.max).toBe(500);
    expect(summary.successLatencyMs).toEqual({ count: 2, p50: 100, p90: 300, p99: 300, max: 300 });
  });
});
