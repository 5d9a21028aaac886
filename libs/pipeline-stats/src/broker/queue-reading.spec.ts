import { drainRate, withNetRate, type QueueReading } from './queue-reading';

const reading = (messages: number, ackRate: number | null = null): QueueReading => ({
  name: 'ledger.orders',
  ready: messages,
  unacked: null,
  messages,
  consumers: 1,
  publishRate: null,
  deliverRate: null,
  ackRate,
  netRate: null,
});

describe('queue rates from successive readings', () => {
  it('the net rate is the change in depth per second, none for a first reading', () => {
    expect(withNetRate(reading(100), undefined, 1).netRate).toBeNull();
    expect(withNetRate(reading(130), reading(100), 2).netRate).toBe(15);
    expect(withNetRate(reading(40), reading(100), 4).netRate).toBe(-15);
  });

  it('drain rate: the acknowledgement rate when the broker gives one, else the fall in depth', () => {
    expect(drainRate({ ...reading(0, 42), netRate: -10 })).toBe(42);
    expect(drainRate({ ...reading(40), netRate: -15 })).toBe(15);
    expect(drainRate({ ...reading(130), netRate: 15 })).toBe(0);
    expect(drainRate(reading(0))).toBe(0);
  });
});
