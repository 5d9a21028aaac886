import { Injectable } from '@nestjs/common';
import type { PgTx } from '@dinner-rush/messaging';
import type { Pool } from 'pg';
import { PrismaService } from '../database/prisma.service';
import type { JournalKind, Prisma } from '../generated/prisma/client';
import type { PostingLine } from './posting-rules';

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

/**
 * Ledger I/O. The consumer's writes are set-based statements on one plain pg
 * transaction (a whole batch per statement); the read API stays on Prisma.
 * Amounts are BIGINT in the database and plain numbers (cents) everywhere else.
 */
@Injectable()
export class LedgerRepository {
  readonly pool: Pool;

  constructor(private readonly prisma: PrismaService) {
    this.pool = prisma.pool;
  }

  /**
   * Serialises every posting for these orders until the transaction ends, the
   * locks taken in one order (so two batches never deadlock). Without it a
   * creation and a cancellation handled at the same moment could each miss
   * the other's uncommitted row, leaving a cancellation pending forever.
   */
  async lockOrders(tx: PgTx, orderIds: readonly string[]): Promise<void> {
    await tx.query(
      `SELECT pg_advisory_xact_lock(k)
         FROM (SELECT DISTINCT hashtextextended(id, 0) AS k FROM unnest($1::text[]) AS id) keys
        ORDER BY k`,
      [orderIds],
    );
  }

  /**
   * Inserts the journals and their lines in one statement, and adds them to
   * the running totals; an order that already has a journal of that kind gets
   * nothing. Answers the ids of the journals written. Lines keep their order
   * (entry ids follow the arrays).
   */
  async insertJournals(tx: PgTx, journals: readonly NewJournal[]): Promise<Set<string>> {
    if (journals.length === 0) return new Set();
    const rows = await tx.query<{ id: string }>(
      `WITH input AS (
         SELECT * FROM ROWS FROM (jsonb_to_recordset($1::jsonb)
                  AS (id uuid, order_id uuid, kind journal_kind, currency text,
                      cause_message_id uuid, lines jsonb))
                WITH ORDINALITY AS j(id, order_id, kind, currency, cause_message_id, lines, n)
       ), journal AS (
         INSERT INTO journals (id, order_id, kind, currency, cause_message_id)
         SELECT id, order_id, kind, currency, cause_message_id FROM input ORDER BY n
         ON CONFLICT (order_id, kind) DO NOTHING
         RETURNING id
       ), entries AS (
         INSERT INTO journal_entries (journal_id, account, debit_cents, credit_cents)
         SELECT journal.id, line.account, line.debit_cents, line.credit_cents
           FROM journal JOIN input ON input.id = journal.id,
                ROWS FROM (jsonb_to_recordset(input.lines)
                             AS (account text, debit_cents bigint, credit_cents bigint))
                  WITH ORDINALITY AS line(account, debit_cents, credit_cents, n)
          ORDER BY input.n, line.n
         RETURNING debit_cents, credit_cents
       ), totals AS (
         UPDATE ledger_totals
            SET debit_cents = ledger_totals.debit_cents + posted.debit,
                credit_cents = ledger_totals.credit_cents + posted.credit
           FROM (SELECT coalesce(sum(debit_cents), 0) AS debit,
                        coalesce(sum(credit_cents), 0) AS credit FROM entries) posted
          WHERE ledger_totals.id = 1 AND EXISTS (SELECT 1 FROM entries)
       )
       SELECT id::text FROM journal`,
      [
        JSON.stringify(
          journals.map((journal) => ({
            id: journal.id,
            order_id: journal.orderId,
            kind: journal.kind,
            currency: journal.currency,
            cause_message_id: journal.causeMessageId,
            lines: journal.lines.map((line) => ({
              account: line.account,
              debit_cents: line.debitCents,
              credit_cents: line.creditCents,
            })),
          })),
        ),
      ],
    );
    return new Set(rows.map((row) => row.id));
  }

  /** The sale journals of these orders (those that have one), lines in posting order. */
  async findSales(tx: PgTx, orderIds: readonly string[]): Promise<Map<string, PostedJournal>> {
    const sales = new Map<string, PostedJournal>();
    if (orderIds.length === 0) return sales;
    const rows = await tx.query<JournalLineRow>(
      `SELECT j.id, j.order_id, j.kind, j.currency, j.cause_message_id, j.created_at,
              e.account, e.debit_cents, e.credit_cents
         FROM journals j JOIN journal_entries e ON e.journal_id = j.id
        WHERE j.order_id = ANY($1::uuid[]) AND j.kind = 'order'
        ORDER BY j.order_id, e.id`,
      [orderIds],
    );
    for (const row of rows) {
      const line = {
        account: row.account,
        debitCents: Number(row.debit_cents),
        creditCents: Number(row.credit_cents),
      };
      const sale = sales.get(row.order_id);
      if (sale) {
        sale.lines.push(line);
        continue;
      }
      sales.set(row.order_id, {
        id: row.id,
        orderId: row.order_id,
        kind: row.kind,
        currency: row.currency,
        causeMessageId: row.cause_message_id,
        createdAt: row.created_at,
        lines: [line],
      });
    }
    return sales;
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

  /** Keeps the first early cancellation of each order; later copies change nothing. */
  async savePendingCancellations(tx: PgTx, pending: readonly PendingCancellation[]): Promise<void> {
    if (pending.length === 0) return;
    await tx.query(
      `INSERT INTO pending_cancellations (order_id, message_id, correlation_id, cancelled_at)
       SELECT order_id, message_id, correlation_id, cancelled_at
         FROM jsonb_to_recordset($1::jsonb)
           AS (order_id uuid, message_id uuid, correlation_id uuid, cancelled_at timestamptz)
        ORDER BY order_id
       ON CONFLICT (order_id) DO NOTHING`,
      [
        JSON.stringify(
          pending.map((p) => ({
            order_id: p.orderId,
            message_id: p.messageId,
            correlation_id: p.correlationId,
            cancelled_at: p.cancelledAt.toISOString(),
          })),
        ),
      ],
    );
  }

  /** Removes and returns the early cancellations waiting for these orders (one statement). */
  async takePendingCancellations(
    tx: PgTx,
    orderIds: readonly string[],
  ): Promise<PendingCancellation[]> {
    if (orderIds.length === 0) return [];
    const rows = await tx.query<PendingCancellationRow>(
      `DELETE FROM pending_cancellations WHERE order_id = ANY($1::uuid[])
       RETURNING order_id, message_id, correlation_id, cancelled_at`,
      [orderIds],
    );
    return rows.map((row) => ({
      orderId: row.order_id,
      messageId: row.message_id,
      correlationId: row.correlation_id,
      cancelledAt: row.cancelled_at,
    }));
  }

  /** Debits and credits over every entry ever posted (the running totals: one row, no scan). */
  async totals(): Promise<{ debitCents: number; creditCents: number }> {
    const totals = await this.prisma.ledgerTotals.findUnique({ where: { id: 1 } });
    return {
      debitCents: Number(totals?.debitCents ?? 0n),
      creditCents: Number(totals?.creditCents ?? 0n),
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
