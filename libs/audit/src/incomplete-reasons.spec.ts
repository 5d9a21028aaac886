import { countReasons, explainIncomplete } from './incomplete-reasons';
import type { AuditedOrderView } from './order-views';

const view = (status: string): AuditedOrderView => ({
  id: 'o1',
  status,
  totalCents: 1_000,
  customerId: 'c1',
  createdAt: '2026-01-01T00:00:00.000Z',
  timeline: [],
});

describe('explainIncomplete', () => {
  it('names each step an order lacks by the consumer that owes it', () => {
    expect(
      explainIncomplete({
        view: view('placed'),
        timeline: { cancelled: false, missing: ['rider.assigned.v1'], doubled: [] },
        ledger: undefined,
        ledgerVerdict: 'missing',
        dispatch: { status: 404, body: undefined },
      }),
    ).toEqual([
      'order-service: status placed',
      'timeline: no rider.assigned.v1',
      'ledger: no journal for the order (order.created not applied)',
      'rider-assignment: no assignment (order.created not applied)',
    ]);
  });

  it('tells a missing reversal from a missing sale, and an order waiting for a rider', () => {
    const sale = {
      journalId: 'j1',
      kind: 'order',
      debitCents: 1_000,
      creditCents: 1_000,
      balanced: true,
    };
    expect(
      explainIncomplete({
        view: view('cancelled'),
        timeline: { cancelled: true, missing: [], doubled: [] },
        ledger: { orderId: 'o1', balanced: true, entries: [], journals: [sale] },
        ledgerVerdict: 'missing',
        dispatch: { status: 200, body: { orderId: 'o1', status: 'waiting' } },
      }),
    ).toEqual([
      'ledger: no reversal journal (order.cancelled not applied)',
      'rider-assignment: waiting for a rider',
    ]);
  });

  it('an order the order service never answered for', () => {
    const reasons = explainIncomplete({
      view: undefined,
      timeline: undefined,
      ledger: undefined,
      ledgerVerdict: 'missing',
    });
    expect(reasons[0]).toBe('order-service: order unknown (GET /orders/:id not 200)');
  });
});

describe('countReasons', () => {
  it('counts the orders giving each reason', () => {
    expect(countReasons({ a: ['x', 'y'], b: ['x'] })).toEqual({ x: 2, y: 1 });
  });
});
