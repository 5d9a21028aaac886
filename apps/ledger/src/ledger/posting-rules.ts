import type { EventData, OrderCreatedV1 } from '@dinner-rush/contracts';
import { PermanentMessageError } from '@dinner-rush/messaging';

/** One line of a journal: an amount on exactly one side of one account. */
export interface PostingLine {
  account: string;
  debitCents: number;
  creditCents: number;
}

export const Accounts = {
  customer: (customerId: string) => `customer:${customerId}`,
  merchantPayable: (merchantId: string) => `merchant_payable:${merchantId}`,
  platformCommission: 'platform_commission',
  riderFees: 'rider_fees',
} as const;

const BPS_PER_UNIT = 10_000n;

/**
 * The platform's cut of the items total, rounded half-up to the cent. Computed
 * with BigInt so the product never loses precision, whatever the order size.
 */
export function commissionCents(itemsTotalCents: number, commissionBps: number): number {
  const scaled = BigInt(itemsTotalCents) * BigInt(commissionBps);
  return Number((scaled + BPS_PER_UNIT / 2n) / BPS_PER_UNIT);
}

type OrderTotals = Pick<
  EventData<typeof OrderCreatedV1>,
  'customerId' | 'merchantId' | 'itemsTotalCents' | 'deliveryFeeCents' | 'totalCents'
>;

/**
 * The sale of one order: the customer owes the total; the merchant is owed the
 * items less commission; the platform keeps the commission; the rider pool gets
 * the delivery fee. Merchant payable absorbs the commission's rounding, so the
 * journal balances to the cent. An order whose total is not items + delivery
 * cannot balance and can never succeed: it is a permanent (dead-letter) error.
 */
export function orderPostingLines(order: OrderTotals, commissionBps: number): PostingLine[] {
  if (order.totalCents !== order.itemsTotalCents + order.deliveryFeeCents) {
    throw new PermanentMessageError(
      'unbalanced-order',
      `totalCents ${order.totalCents} != itemsTotalCents ${order.itemsTotalCents} + deliveryFeeCents ${order.deliveryFeeCents}`,
    );
  }
  const commission = commissionCents(order.itemsTotalCents, commissionBps);
  return [
    debit(Accounts.customer(order.customerId), order.totalCents),
    credit(Accounts.merchantPayable(order.merchantId), order.itemsTotalCents - commission),
    credit(Accounts.platformCommission, commission),
    credit(Accounts.riderFees, order.deliveryFeeCents),
  ];
}

/** A reversal mirrors the posted lines (not a recomputation), so it cancels them exactly. */
export function reversalPostingLines(posted: readonly PostingLine[]): PostingLine[] {
  return posted.map((line) => ({
    account: line.account,
    debitCents: line.creditCents,
    creditCents: line.debitCents,
  }));
}

export function totals(lines: readonly PostingLine[]): { debitCents: number; creditCents: number } {
  return lines.reduce(
    (sum, line) => ({
      debitCents: sum.debitCents + line.debitCents,
      creditCents: sum.creditCents + line.creditCents,
    }),
    { debitCents: 0, creditCents: 0 },
  );
}

export function isBalanced(lines: readonly PostingLine[]): boolean {
  const { debitCents, creditCents } = totals(lines);
  return debitCents === creditCents;
}

function debit(account: string, cents: number): PostingLine {
  return { account, debitCents: cents, creditCents: 0 };
}

function credit(account: string, cents: number): PostingLine {
  return { account, debitCents: 0, creditCents: cents };
}
