import { judgeLedger } from './ledger-verdict';
import type { LedgerJournal, OrderLedgerView } from './order-views';

const CUSTOMER = 'customer-7';

/** A journal debiting the customer `cents` (or crediting it back, for a reversal). */
function journal(kind: 'order' | 'reversal', cents: number, balanced = true) {
  const customer = {
    account: `customer:${CUSTOMER}`,
    debitCents: kind === 'order' ? cents : 0,
    creditCents: kind === 'order' ? 0 : cents,
    kind,
  };
  const meta: LedgerJournal = {
    journalId: `${kind}-${cents}`,
    kind,
    debitCents: cents,
    creditCents: balanced ? cents : cents - 1,
    balanced,
  };
  return { customer, meta };
}

function ledger(...journals: ReturnType<typeof journal>[]): OrderLedgerView {
  return {
    orderId: 'o-1',
    balanced: journals.every((j) => j.meta.balanced),
    entries: journals.map((j) => j.customer),
    journals: journals.map((j) => j.meta),
  };
}

const live = { totalCents: 1250, customerId: CUSTOMER, cancelled: false };
const cancelled = { ...live, cancelled: true };

describe('judgeLedger', () => {
  it('one balanced sale of the quoted total is ok; with its reversal once cancelled', () => {
    expect(judgeLedger(ledger(journal('order', 1250)), live)).toBe('ok');
    expect(judgeLedger(ledger(journal('order', 1250), journal('reversal', 1250)), cancelled)).toBe(
      'ok',
    );
  });

  it('no journal, or a cancellation not reversed, is missing', () => {
    expect(judgeLedger(undefined, live)).toBe('missing');
    expect(judgeLedger(ledger(journal('order', 1250)), cancelled)).toBe('missing');
  });

  it('two sales, or a sale of twice the total, is a double application', () => {
    expect(judgeLedger(ledger(journal('order', 1250), journal('order', 1250)), live)).toBe(
      'double',
    );
    expect(judgeLedger(ledger(journal('order', 2500)), live)).toBe('double');
  });

  it('another amount or an unbalanced journal is a mismatch', () => {
    expect(judgeLedger(ledger(journal('order', 1249)), live)).toBe('mismatch');
    expect(judgeLedger(ledger(journal('order', 1250, false)), live)).toBe('mismatch');
  });
});
