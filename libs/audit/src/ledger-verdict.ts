import type { OrderLedgerView } from './order-views';

/** ok, or the first thing wrong with what the ledger holds for one order. */
export type LedgerVerdict = 'ok' | 'missing' | 'double' | 'mismatch';

export interface ExpectedPosting {
  totalCents: number;
  customerId: string;
  cancelled: boolean;
}

/**
 * The ledger must hold exactly one sale journal debiting the order total (and,
 * once cancelled, exactly one reversal of it), every journal balanced, and the
 * customer's account must net to what they owe. A sale posted for a multiple
 * of the total, or two journals of a kind, is a double application.
 */
export function judgeLedger(
  view: OrderLedgerView | undefined,
  expected: ExpectedPosting,
): LedgerVerdict {
  if (!view) return 'missing';
  const journals = (kind: string) => view.journals.filter((j) => j.kind === kind);
  const [sale, ...extraSales] = journals('order');
  const [reversal, ...extraReversals] = journals('reversal');
  if (extraSales.length > 0 || extraReversals.length > 0) return 'double';
  if (!sale || (expected.cancelled && !reversal)) return 'missing';
  const multiple = expected.totalCents > 0 && sale.debitCents % expected.totalCents === 0;
  if (multiple && sale.debitCents > expected.totalCents) return 'double';
  const customer = view.entries.filter((e) => e.account === `customer:${expected.customerId}`);
  const customerNet = customer.reduce((sum, e) => sum + e.debitCents - e.creditCents, 0);
  const ok =
    view.balanced &&
    sale.debitCents === expected.totalCents &&
    (!reversal || reversal.debitCents === expected.totalCents) &&
    customerNet === (reversal ? 0 : expected.totalCents);
  return ok ? 'ok' : 'mismatch';
}
