import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { Exchanges } from '../topology';
import { Cents } from './shared-schemas';

/** The order's balanced journal was posted. */
export const LedgerRecordedV1 = defineEvent(
  'ledger.recorded',
  1,
  Exchanges.orderStatus,
  z.object({ orderId: z.uuid(), journalId: z.uuid(), debitCents: Cents, creditCents: Cents }),
);

/** A cancellation's balanced reversal was posted. */
export const LedgerReversedV1 = defineEvent(
  'ledger.reversed',
  1,
  Exchanges.orderStatus,
  z.object({ orderId: z.uuid(), journalId: z.uuid(), debitCents: Cents, creditCents: Cents }),
);
