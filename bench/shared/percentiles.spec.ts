import { percentile, summarizeLatencies } from './percentiles';

describe('percentiles (nearest rank)', () => {
  it('ranks as the textbook does', () => {
    const values = [15, 20, 35, 40, 50];
    expect(percentile(values, 30)).toBe(20);
    expect(percentile(values, 40)).toBe(20);
    expect(percentile(values, 50)).toBe(35);
    expect(percentile(values, 100)).toBe(50);
    expect(percentile([7], 99)).toBe(7);
  });

  it('has nothing to say about an empty list', () => {
    expect(summarizeLatencies([])).toEqual({ p50: null, p90: null, p99: null, max: null });
  });

  it('sorts before ranking', () => {
    expect(summarizeLatencies([3, 1, 2])).toEqual({ p50: 2, p90: 3, p99: 3, max: 3 });
  });
});
