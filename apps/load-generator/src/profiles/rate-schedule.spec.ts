import { phaseArrivals } from './rate-schedule';

const phase = (durationS: number, fromRate: number, toRate = fromRate) => ({
  name: 'p',
  durationS,
  fromRate,
  toRate,
});

describe('phaseArrivals (open-loop schedule)', () => {
  it('a constant rate spaces requests evenly: 10/s for 2 s is one every 100 ms', () => {
    const { offsetsMs, carry } = phaseArrivals(phase(2, 10));
    expect(offsetsMs).toHaveLength(20);
    expect(offsetsMs[0]).toBeCloseTo(100);
    expect(offsetsMs[19]).toBeCloseTo(2000);
    expect(carry).toBeCloseTo(0);
  });

  it('a linear ramp sends the area under the rate, denser towards the faster end', () => {
    const { offsetsMs } = phaseArrivals(phase(10, 0, 20));
    expect(offsetsMs).toHaveLength(100);
    const firstHalf = offsetsMs.filter((t) => t <= 5000).length;
    expect(firstHalf).toBe(25); // ∫0..5 of 2t dt
    expect([...offsetsMs].sort((a, b) => a - b)).toEqual(offsetsMs);
  });

  it('a fractional request carries into the next phase, so the average rate holds across phases', () => {
    const first = phaseArrivals(phase(1, 2.5));
    expect(first.offsetsMs).toHaveLength(2);
    expect(first.carry).toBeCloseTo(0.5);
    const second = phaseArrivals(phase(1, 2.5), first.carry);
    expect(second.offsetsMs).toHaveLength(3);
    expect(second.offsetsMs[0]).toBeCloseTo(200); // the owed half request is due after 0.5/2.5 s
  });

  it('a zero rate sends nothing', () => {
    expect(phaseArrivals(phase(5, 0)).offsetsMs).toEqual([]);
  });
});
