import { stepLatencies } from './timeline-latency';

const base = Date.UTC(2026, 0, 1);
const at = (ms: number) => new Date(base + ms).toISOString();

describe('stepLatencies', () => {
  const view = {
    id: 'o-1',
    status: 'placed',
    totalCents: 100,
    customerId: 'c',
    createdAt: at(0),
    timeline: [
      { type: 'order.created.v1', at: at(0) },
      { type: 'ledger.recorded.v1', at: at(40) },
      { type: 'rider.assigned.v1', at: at(15) },
    ],
  };

  it('measures each step from the creation time the order service recorded', () => {
    expect(stepLatencies(view)).toEqual({ 'rider-assignment': 15, ledger: 40 });
  });

  it('all steps is the last of the three, once all are there', () => {
    const done = {
      ...view,
      timeline: [...view.timeline, { type: 'merchant.notified.v1', at: at(25) }],
    };
    expect(stepLatencies(done)).toMatchObject({ 'merchant-notify': 25, allSteps: 40 });
  });
});
