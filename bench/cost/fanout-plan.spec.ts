import { bindingsOf, fanoutKey, planFanout } from './fanout-plan';

const total = (publishes: number, deliveries: number) => {
  const plan = planFanout(publishes, deliveries);
  return Array.from({ length: publishes }, (_, n) => plan.fanoutOf(n)).reduce((a, b) => a + b, 0);
};

describe('planFanout', () => {
  it('delivers exactly as many messages as asked, whatever the ratio', () => {
    for (const [p, d] of [
      [700, 1_100],
      [7, 11],
      [3, 3],
      [5, 0],
      [10, 35],
      [1_234, 1_235],
      [9, 4],
    ] as const) {
      expect(total(p, d)).toBe(d);
    }
  });

  it('uses the fewest queues: the base fan-out, plus one when it does not divide', () => {
    expect(planFanout(700, 1_400).queues).toBe(2);
    expect(planFanout(700, 1_100).queues).toBe(2);
    expect(planFanout(9, 4).queues).toBe(1);
    expect(planFanout(0, 0).queues).toBe(0);
  });

  it('spreads the larger fan-out over the run instead of bunching it at the start', () => {
    const plan = planFanout(10, 15);
    expect(Array.from({ length: 10 }, (_, n) => plan.fanoutOf(n))).toEqual([
      1, 2, 1, 2, 1, 2, 1, 2, 1, 2,
    ]);
  });

  it('binds queue i to every fan-out above i, so fan-out f reaches queues 0 … f-1', () => {
    const plan = planFanout(7, 11);
    expect(bindingsOf(0, plan)).toEqual([fanoutKey(1), fanoutKey(2)]);
    expect(bindingsOf(1, plan)).toEqual([fanoutKey(2)]);
  });

  it('refuses what cannot be', () => {
    expect(() => planFanout(0, 3)).toThrow(/no publish/);
    expect(() => planFanout(2.5, 3)).toThrow(/counts/);
  });
});
