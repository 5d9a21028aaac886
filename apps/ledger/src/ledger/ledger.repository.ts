import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';
import type { JournalKind, Prisma } from '../generated/prisma/client';
import type { PostingLine } from './posting-rules';

export type LedgerTx = Prisma.TransactionClient;

export interface NewJournal {
  id: string;
  orderId: string;
  kind: JournalKind;
  currency: string;
  causeMessageId: string;
  lines: readonly PostingLine[];
}

export interface PostedJournal {
  id: string;
  orderId: string;
  kind: JournalKind;
  currency: string;
  causeMessageId: string;
  createdAt: Date;
  lines: PostingLine[];
}

export interface PendingCancellation {
  orderId: string;
  messageId: string;
  correlationId: string;
  cancelledAt: Date;
}

/** Ledger I/O. Amounts are BIGINT in the database and plain numbers (cents) everywhere else. */
@Injectable()
export class LedgerRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** One database transaction, in the shape applyExactlyOnce expects. */
  readonly transaction = (work: (tx: LedgerTx) => Promise<void>): Promise<void> =>
    this.prisma.$transaction(work);

  /**
   * Serialises every posting for one order until the transaction ends. Without
   * it a creation and a cancellation handled at the same moment could each miss
   * the other's uncommitted row, leaving a cancellation pending forever.
   */
  async lockOrder(tx: LedgerTx, orderId: string): Promise<void> {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${orderId}, 0))`;
  }

  /** Inserts the journal and its lines; false (nothing written) when the order already has one of this kind. */
  async insertJournal(tx: LedgerTx, journal: NewJournal): Promise<boolean> {
    const { lines, ...header } = journal;
    const { count } = await tx.journal.createMany({ data: [header], skipDuplicates: true });
    if (count === 0) return false;
    await tx.journalEntry.createMany({
      data: lines.map((line) => ({ journalId: journal.id, ...line })),
    });
    return true;
  }

  async findJournal(
    tx: LedgerTx,
    orderId: string,
    kind: JournalKind,
  ): Promise<PostedJournal | null> {
    const journal = await tx.journal.findUnique({
      where: { orderId_kind: { orderId, kind } },
      include: { entries: { orderBy: { id: 'asc' } } },
    });
    return journal && toPosted(journal);
  }

  /** All journals of an order, sale first, lines in posting order. */
  async findOrderJournals(orderId: string): Promise<PostedJournal[]> {
    const journals = await this.prisma.journal.findMany({
      where: { orderId },
      orderBy: [{ createdAt: 'asc' }, { kind: 'asc' }],
      include: { entries: { orderBy: { id: 'asc' } } },
    });
    return journals.map(toPosted);
  }

  /** Keeps the first early cancellation of an order; later copies change nothing. */
  async savePendingCancellation(tx: LedgerTx, pending: PendingCancellation): Promise<void> {
    await tx.pendingCancellation.createMany({ data: [pending], skipDuplicates: true });
  }

  /** Removes and returns the order's early cancellation, if one is waiting. */
  async takePendingCancellation(
    tx: LedgerTx,
    orderId: string,
  ): Promise<PendingCancellation | null> {
    const pending = await tx.pendingCancellation.findUnique({ where: { orderId } });
    if (!pending) return null;
    await tx.pendingCancellation.delete({ where: { orderId } });
    return pending;
  }

  /** Sums over every entry ever posted. */
  async sumAllEntries(): Promise<{ debitCents: number; creditCents: number }> {
    const { _sum } = await this.prisma.journalEntry.aggregate({
      _sum: { debitCents: true, creditCents: true },
    });
    return {
      debitCents: Number(_sum.debitCents ?? 0n),
      creditCents: Number(_sum.creditCents ?? 0n),
    };
  }
}

type JournalRow = Prisma.JournalGetPayload<{ include: { entries: true } }>;

function toPosted({ entries, ...journal }: JournalRow): PostedJournal {
  return {
    id: journal.id,
    orderId: journal.orderId,
    kind: journal.kind,
    currency: journal.currency,
    causeMessageId: journal.causeMessageId,
    createdAt: journal.createdAt,
    lines: entries.map((entry) => ({
      account: entry.account,
      debitCents: Number(entry.debitCents),
      creditCents: Number(entry.creditCents),
    })),
  };
}
