import { PermanentMessageError } from '@dinner-rush/messaging';
import {
  Accounts,
  commissionCents,
  isBalanced,
  orderPostingLines,
  reversalPostingLines,
  totals,
} from './posting-rules';

const DEFAULT_BPS = 1_500;

function order(itemsTotalCents: number, deliveryFeeCents: number) {
  return {
    customerId: 'c-1',
    merchantId: 'm-1',
    itemsTotalCents,
    deliveryFeeCents,
    totalCents: itemsTotalCents + deliveryFeeCents,
  };
}

/** Deterministic spread of awkward amounts: small, odd, round, and very large. */
const AMOUNTS = [
  0,
  1,
  2,
  3,
  7,
  33,
  99,
  100,
  101,
  333,
  999,
  1_001,
  12_345,
  99_999,
  2 ** 31,
  2 ** 40 + 7,
];
const FEES = [0, 1, 299, 350, 1_999];
const RATES = [0, 1, 999, 1_500, 3_333, 9_999, 10_000];

describe('commissionCents', () => {
  it.each([
    [1_000, 1_500, 150], // exact
    [10, 1_500, 2], // 1.5 rounds half-up to 2
    [30, 1_500, 5], // 4.5 rounds half-up to 5
    [1, 1_500, 0], // 0.15 rounds down
    [3, 1_500, 0], // 0.45 rounds down
    [4, 1_500, 1], // 0.6 rounds up
    [1_999, 2_500, 500], // 499.75 rounds up
    [2, 2_500, 1], // exactly 0.5 rounds up
    [12_345, 0, 0],
    [12_345, 10_000, 12_345],
  ])('commission of %i cents at %i bps is %i cents', (items, bps, expected) => {
    expect(commissionCents(items, bps)).toBe(expected);
  });

  it('stays exact where floating point multiplication would not', () => {
    // 9_007_199_254_740_991 * 1500 is far beyond 2^53; BigInt keeps it exact.
    expect(commissionCents(Number.MAX_SAFE_INTEGER, 1_500)).toBe(1_351_079_888_211_149);
  });

  it('never exceeds the items total, so the merchant is never owed a negative amount', () => {
    for (const items of AMOUNTS)
      for (const bps of RATES) expect(commissionCents(items, bps)).toBeLessThanOrEqual(items);
  });
});

describe('orderPostingLines', () => {
  it('debits the customer the total and credits merchant, platform and riders', () => {
    expect(orderPostingLines(order(2_000, 350), DEFAULT_BPS)).toEqual([
      { account: Accounts.customer('c-1'), debitCents: 2_350, creditCents: 0 },
      { account: Accounts.merchantPayable('m-1'), debitCents: 0, creditCents: 1_700 },
      { account: Accounts.platformCommission, debitCents: 0, creditCents: 300 },
      { account: Accounts.riderFees, debitCents: 0, creditCents: 350 },
    ]);
  });

  it('lets the merchant absorb the commission rounding (odd cents)', () => {
    const lines = orderPostingLines(order(1_003, 1), DEFAULT_BPS); // 150.45 -> 150
    expect(lines.map((l) => l.creditCents)).toEqual([0, 853, 150, 1]);
    expect(isBalanced(lines)).toBe(true);
  });

  it('balances exactly, debiting exactly the total, for every amount, fee and rate', () => {
    for (const items of AMOUNTS)
      for (const fee of FEES)
        for (const bps of RATES) {
          const lines = orderPostingLines(order(items, fee), bps);
          const sums = totals(lines);
          expect(sums).toEqual({ debitCents: items + fee, creditCents: items + fee });
          expect(lines[0]).toEqual({
            account: 'customer:c-1',
            debitCents: items + fee,
            creditCents: 0,
          });
          for (const line of lines) {
            expect(Number.isSafeInteger(line.debitCents + line.creditCents)).toBe(true);
            expect(Math.min(line.debitCents, line.creditCents)).toBe(0);
          }
        }
  });

  it('rejects, as permanent, an order whose total is not items plus delivery', () => {
    const broken = { ...order(1_000, 200), totalCents: 1_199 };
    expect(() => orderPostingLines(broken, DEFAULT_BPS)).toThrow(PermanentMessageError);
    expect(() => orderPostingLines(broken, DEFAULT_BPS)).toThrow(/unbalanced|totalCents/);
  });
});

describe('reversalPostingLines', () => {
  it('mirrors every line: same account, sides swapped', () => {
    const sale = orderPostingLines(order(4_321, 299), DEFAULT_BPS);
    const reversal = reversalPostingLines(sale);
    expect(reversal).toHaveLength(sale.length);
    reversal.forEach((line, i) => {
      expect(line).toEqual({
        account: sale[i]?.account,
        debitCents: sale[i]?.creditCents,
        creditCents: sale[i]?.debitCents,
      });
    });
  });

  it('is balanced and nets every account to zero together with the sale', () => {
    for (const items of AMOUNTS) {
      const sale = orderPostingLines(order(items, 350), DEFAULT_BPS);
      const reversal = reversalPostingLines(sale);
      expect(isBalanced(reversal)).toBe(true);
      const net = new Map<string, number>();
      for (const line of [...sale, ...reversal])
        net.set(line.account, (net.get(line.account) ?? 0) + line.debitCents - line.creditCents);
      expect([...net.values()].every((cents) => cents === 0)).toBe(true);
    }
  });
});

describe('isBalanced', () => {
  it('is false when debits and credits differ by a cent', () => {
    expect(
      isBalanced([
        { account: 'a', debitCents: 100, creditCents: 0 },
        { account: 'b', debitCents: 0, creditCents: 99 },
      ]),
    ).toBe(false);
  });
});
