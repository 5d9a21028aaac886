import { Injectable } from '@nestjs/common';
import type { JournalView, OrderLedgerView, TrialBalanceView } from './dto/ledger.dto';
import { LedgerRepository, type PostedJournal } from './ledger.repository';
import { isBalanced, totals } from './posting-rules';

/** The read side: what the ledger holds for an order, and whether the books balance. */
@Injectable()
export class LedgerQueriesService {
  constructor(private readonly repository: LedgerRepository) {}

  /** Null when the ledger has posted nothing for the order (a pending cancellation is not a posting). */
  async orderLedger(orderId: string): Promise<OrderLedgerView | null> {
    const journals = await this.repository.findOrderJournals(orderId);
    if (journals.length === 0) return null;
    const entries = journals.flatMap((journal) =>
      journal.lines.map((line) => ({ ...line, journalId: journal.id, kind: journal.kind })),
    );
    return {
      orderId,
      // Every journal must balance on its own, not merely the order's sum.
      balanced: journals.every((journal) => isBalanced(journal.lines)),
      entries,
      journals: journals.map(toJournalView),
    };
  }

  async trialBalance(): Promise<TrialBalanceView> {
    const { debitCents, creditCents } = await this.repository.totals();
    return { debitCents, creditCents, balanced: debitCents === creditCents };
  }
}

function toJournalView(journal: PostedJournal): JournalView {
  return {
    journalId: journal.id,
    kind: journal.kind,
    currency: journal.currency,
    ...totals(journal.lines),
    balanced: isBalanced(journal.lines),
    causeMessageId: journal.causeMessageId,
    postedAt: journal.createdAt.toISOString(),
  };
}
