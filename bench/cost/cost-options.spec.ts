import { costOptions, defaultFleet, MAX_FLEET } from './cost-options';

describe('costOptions', () => {
  it('gives riders enough that none is waited for: twice those out at once', () => {
    expect(defaultFleet(60, 1_000)).toBe(120);
    expect(defaultFleet(20, 1_500)).toBe(60);
    expect(defaultFleet(0.5, 100)).toBe(1);
    expect(defaultFleet(800, 1_000)).toBe(MAX_FLEET);
  });

  it('takes the defaults of the issue, and the fleet from the rate and delivery time', () => {
    expect(costOptions([])).toEqual({
      ratePerS: 60,
      durationS: 30,
      warmupS: 5,
      idleS: 10,
      fleet: 120,
      deliveryMs: 1_000,
      out: 'bench/results/cost.json',
    });
    expect(costOptions(['--rate', '20', '--delivery-ms', '500']).fleet).toBe(20);
    expect(costOptions(['--fleet', '7']).fleet).toBe(7);
  });

  it('refuses a rate that is not a number', () => {
    expect(() => costOptions(['--rate', 'fast'])).toThrow(/--rate/);
  });
});
