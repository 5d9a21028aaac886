import { judgeTimeline } from './timeline-verdict';
import type { TimelineEntry } from './order-views';

const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms).toISOString();
const step = (type: string, ms: number, kind?: string): TimelineEntry => ({
  type,
  at: at(ms),
  kind,
});
const created = step('order.created.v1', 0);
const rider = step('rider.assigned.v1', 10);
const notifiedCreated = step('merchant.notified.v1', 20, 'order.created');
const recorded = step('ledger.recorded.v1', 30);

describe('judgeTimeline', () => {
  it('a live order is complete with each consumer step once', () => {
    expect(judgeTimeline([created, rider, notifiedCreated, recorded])).toEqual({
      cancelled: false,
      missing: [],
      doubled: [],
    });
  });

  it('names the steps still owed', () => {
    expect(judgeTimeline([created, notifiedCreated]).missing).toEqual([
      'rider.assigned.v1',
      'ledger.recorded.v1',
    ]);
  });

  it('a step recorded twice is a double application', () => {
    const twice = [created, rider, rider, notifiedCreated, recorded, recorded];
    expect(judgeTimeline(twice).doubled).toEqual(['rider.assigned.v1', 'ledger.recorded.v1']);
  });

  it('a cancelled order needs its reversal and the cancellation notice, not a rider', () => {
    const cancelled = [created, step('order.cancelled.v1', 5), notifiedCreated, recorded];
    expect(judgeTimeline(cancelled)).toEqual({
      cancelled: true,
      missing: ['ledger.reversed.v1', 'merchant.notified.v1:order.cancelled'],
      doubled: [],
    });
    const done = [
      ...cancelled,
      step('ledger.reversed.v1', 40),
      step('merchant.notified.v1', 50, 'order.cancelled'),
    ];
    expect(judgeTimeline(done).missing).toEqual([]);
  });

  it('a cancelled order whose cancellation overtook its creation needs no creation notice', () => {
    const overtaken = [
      created,
      step('order.cancelled.v1', 5),
      step('merchant.notified.v1', 20, 'order.cancelled'),
      recorded,
      step('ledger.reversed.v1', 40),
    ];
    expect(judgeTimeline(overtaken)).toEqual({ cancelled: true, missing: [], doubled: [] });
  });

  it('two notifications about different events are not a double, two about one are', () => {
    const cancelledNote = step('merchant.notified.v1', 50, 'order.cancelled');
    const both = [created, step('order.cancelled.v1', 5), notifiedCreated, cancelledNote];
    expect(judgeTimeline(both).doubled).toEqual([]);
    expect(judgeTimeline([...both, notifiedCreated]).doubled).toEqual([
      'merchant.notified.v1:order.created',
    ]);
  });
});
