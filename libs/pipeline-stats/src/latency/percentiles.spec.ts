import { histogram, percentile, summarise } from './percentiles';

describe('percentiles (nearest rank)', () => {
  const oneToHundred = Array.from({ length: 100 }, (_, i) => i + 1);

  it('ranks as the textbook does: p50 of 1..100 is 50, p99 is 99, p100 the maximum', () => {
    expect(percentile(oneToHundred, 50)).toBe(50);
    expect(percentile(oneToHundred, 99)).toBe(99);
    expect(percentile(oneToHundred, 100)).toBe(100);
    const values = [15, 20, 35, 40, 50];
    expect(percentile(values, 30)).toBe(20);
    expect(percentile(values, 40)).toBe(20);
    expect(percentile(values, 50)).toBe(35);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNull();
  });

  it('summarise sorts its input and reports nulls for nothing', () => {
    expect(summarise([...oneToHundred].reverse())).toEqual({
      count: 100,
      p50: 50,
      p90: 90,
      p99: 99,
      max: 100,
    });
    expect(summarise([3, 1, 2])).toEqual({ count: 3, p50: 2, p90: 3, p99: 3, max: 3 });
    expect(summarise([])).toEqual({ count: 0, p50: null, p90: null, p99: null, max: null });
  });

  it('histogram counts every value once, in equal-width buckets from zero', () => {
    const buckets = histogram([0, 1, 9, 10, 29], 3);
    expect(buckets.reduce((sum, b) => sum + b.count, 0)).toBe(5);
    expect(buckets[0]).toEqual({ fromMs: 0, count: 3 });
    expect(buckets.at(-1)).toEqual({ fromMs: 20, count: 1 });
  });

  it('histogram copes with far more values than a function may take as arguments', () => {
    const many = Array.from({ length: 300_000 }, (_, i) => i % 1000);
    expect(histogram(many).reduce((sum, b) => sum + b.count, 0)).toBe(300_000);
  });
});
