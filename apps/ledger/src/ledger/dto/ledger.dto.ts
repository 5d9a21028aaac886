import { z } from 'zod';

export const OrderLedgerParams = z.object({ orderId: z.uuid() });
export type OrderLedgerParams = z.infer<typeof OrderLedgerParams>;

/** One line as the API shows it, with the journal it belongs to. */
export interface LedgerEntryView {
  account: string;
  debitCents: number;
  creditCents: number;
  journalId: string;
  kind: string;
}

export interface JournalView {
  journalId: string;
  kind: string;
  currency: string;
  debitCents: number;
  creditCents: number;
  balanced: boolean;
  causeMessageId: string;
  postedAt: string;
}

/** GET /ledger/orders/:orderId */
export interface OrderLedgerView {
  orderId: string;
  balanced: boolean;
  entries: LedgerEntryView[];
  journals: JournalView[];
}

/** GET /ledger/trial-balance: debits and credits over every entry ever posted. */
export interface TrialBalanceView {
  debitCents: number;
  creditCents: number;
  balanced: boolean;
}
