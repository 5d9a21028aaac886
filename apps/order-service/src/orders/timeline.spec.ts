import { buildTimeline, timelineDetails } from './timeline';

const created = {
  messageId: '00000000-0000-4000-8000-000000000001',
  at: new Date('2026-01-01T12:00:00.000Z'),
};

function event(type: string, at: string, details: Record<string, unknown> = {}) {
  return { messageId: `m-${type}`, type, at: new Date(at), details };
}

describe('buildTimeline', () => {
  it('starts with the creation when nothing else happened', () => {
    expect(buildTimeline(created, [])).toEqual([
      { type: 'order.created.v1', at: '2026-01-01T12:00:00.000Z', messageId: created.messageId },
    ]);
  });

  it('adds each event with its details, sorted by when it happened', () => {
    const timeline = buildTimeline(created, [
      event('ledger.recorded.v1', '2026-01-01T12:00:03.000Z', { journalId: 'j-1' }),
      event('rider.assigned.v1', '2026-01-01T12:00:01.000Z', { riderId: 'r-1' }),
      event('some.future.v1', '2026-01-01T12:00:02.000Z', { anything: { nested: true } }),
    ]);
    expect(timeline).toEqual([
      expect.objectContaining({ type: 'order.created.v1' }),
      {
        type: 'rider.assigned.v1',
        at: '2026-01-01T12:00:01.000Z',
        messageId: 'm-rider.assigned.v1',
        riderId: 'r-1',
      },
      {
        type: 'some.future.v1',
        at: '2026-01-01T12:00:02.000Z',
        messageId: 'm-some.future.v1',
        anything: { nested: true },
      },
      {
        type: 'ledger.recorded.v1',
        at: '2026-01-01T12:00:03.000Z',
        messageId: 'm-ledger.recorded.v1',
        journalId: 'j-1',
      },
    ]);
  });

  it('keeps the creation first even if a clock-skewed event claims to be earlier', () => {
    const timeline = buildTimeline(created, [
      event('rider.assigned.v1', '2026-01-01T11:59:59.000Z'),
    ]);
    expect(timeline.map((e) => e.type)).toEqual(['order.created.v1', 'rider.assigned.v1']);
  });

  it('never lets event data overwrite type, at or messageId', () => {
    const [, entry] = buildTimeline(created, [
      event('rider.assigned.v1', '2026-01-01T12:00:01.000Z', {
        type: 'x',
        at: 'y',
        messageId: 'z',
      }),
    ]);
    expect(entry).toEqual({
      type: 'rider.assigned.v1',
      at: '2026-01-01T12:00:01.000Z',
      messageId: 'm-rider.assigned.v1',
    });
  });
});

describe('timelineDetails', () => {
  it('keeps everything but the orderId', () => {
    expect(
      timelineDetails({ orderId: 'o-1', riderId: 'r-1', distanceKm: 2 } as { orderId: string }),
    ).toEqual({
      riderId: 'r-1',
      distanceKm: 2,
    });
  });
});
