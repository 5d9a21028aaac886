import { Injectable } from '@nestjs/common';
import { inPgTransaction, type PgTx } from '@dinner-rush/messaging';
import type { Pool } from 'pg';
import { PrismaService } from '../database/prisma.service';
import type { JournalKind, Prisma } from '../generated/prisma/client';
import type { PostingLine } from './posting-rules';

/**
 * The consumer's transaction: plain pg, no query compiler, one round trip per
 * statement (the per-message hot path). Read APIs stay on Prisma.
 */
export type LedgerTx = PgTx;

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
  private readonly pool: Pool;

  constructor(private readonly prisma: PrismaService) {
    this.pool = prisma.pool;
  }

  /** One database transaction, in the shape applyExactlyOnce expects. */
  readonly transaction = (work: (tx: LedgerTx) => Promise<void>): Promise<void> =>
    inPgTransaction(this.pool, work);

  /**
   * Serialises every posting for one order until the transaction ends. Without
   * it a creation and a cancellation handled at the same moment could each miss
   * the other's uncommitted row, leaving a cancellation pending forever.
   */
  async lockOrder(tx: LedgerTx, orderId: string): Promise<void> {
    await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [orderId]);
  }

  /**
   * Inserts the journal and its lines in one statement; false (nothing written)
   * when the order already has a journal of this kind. Lines keep their order
   * (entry ids follow the array).
   */
  async insertJournal(tx: LedgerTx, journal: NewJournal): Promise<boolean> {
    const [row] = await tx.query<{ inserted: number }>(
      `WITH journal AS (
         INSERT INTO journals (id, order_id, kind, currency, cause_message_id)
         VALUES ($1::uuid, $2::uuid, $3::journal_kind, $4, $5::uuid)
         ON CONFLICT (order_id, kind) DO NOTHING
         RETURNING id
       ), entries AS (
         INSERT INTO journal_entries (journal_id, account, debit_cents, credit_cents)
         SELECT journal.id, line.account, line.debit_cents, line.credit_cents
           FROM journal,
                ROWS FROM (jsonb_to_recordset($6::jsonb)
                             AS (account text, debit_cents bigint, credit_cents bigint))
                  WITH ORDINALITY AS line(account, debit_cents, credit_cents, n)
          ORDER BY line.n
       )
       SELECT count(*)::int AS inserted FROM journal`,
      [
        journal.id,
        journal.orderId,
        journal.kind,
        journal.currency,
        journal.causeMessageId,
        JSON.stringify(
          journal.lines.map((line) => ({
            account: line.account,
            debit_cents: line.debitCents,
            credit_cents: line.creditCents,
          })),
        ),
      ],
    );
    return row?.inserted === 1;
  }

  async findJournal(
    tx: LedgerTx,
    orderId: string,
    kind: JournalKind,
  ): Promise<PostedJournal | null> {
    const rows = await tx.query<JournalLineRow>(
      `SELECT j.id, j.order_id, j.kind, j.currency, j.cause_message_id, j.created_at,
              e.account, e.debit_cents, e.credit_cents
         FROM journals j JOIN journal_entries e ON e.journal_id = j.id
        WHERE j.order_id = $1::uuid AND j.kind = $2::journal_kind
        ORDER BY e.id`,
      [orderId, kind],
    );
    const first = rows[0];
    if (!first) return null;
    return {
      id: first.id,
      orderId: first.order_id,
      kind: first.kind,
      currency: first.currency,
      causeMessageId: first.cause_message_id,
      createdAt: first.created_at,
      lines: rows.map((row) => ({
        account: row.account,
        debitCents: Number(row.debit_cents),
        creditCents: Number(row.credit_cents),
      })),
    };
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
    await tx.query(
      `INSERT INTO pending_cancellations (order_id, message_id, correlation_id, cancelled_at)
       VALUES ($1::uuid, $2::uuid, $3::uuid, $4) ON CONFLICT (order_id) DO NOTHING`,
      [pending.orderId, pending.messageId, pending.correlationId, pending.cancelledAt],
    );
  }

  /** Removes and returns the order's early cancellation, if one is waiting (one statement). */
  async takePendingCancellation(
    tx: LedgerTx,
    orderId: string,
  ): Promise<PendingCancellation | null> {
    const [pending] = await tx.query<PendingCancellationRow>(
      `DELETE FROM pending_cancellations WHERE order_id = $1::uuid
       RETURNING order_id, message_id, correlation_id, cancelled_at`,
      [orderId],
    );
    return pending
      ? {
          orderId: pending.order_id,
          messageId: pending.message_id,
          correlationId: pending.correlation_id,
          cancelledAt: pending.cancelled_at,
        }
      : null;
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

/** A journal joined with one of its entries, as pg returns it (BIGINT arrives as a string). */
interface JournalLineRow {
  id: string;
  order_id: string;
  kind: JournalKind;
  currency: string;
  cause_message_id: string;
  created_at: Date;
  account: string;
  debit_cents: string;
  credit_cents: string;
}

interface PendingCancellationRow {
  order_id: string;
  message_id: string;
  correlation_id: string;
  cancelled_at: Date;
}

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
