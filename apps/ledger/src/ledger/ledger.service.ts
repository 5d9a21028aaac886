import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  causedBy,
  LedgerRecordedV1,
  LedgerReversedV1,
  OrderCancelledV1,
  OrderCreatedV1,
  type Envelope,
} from '@dinner-rush/contracts';
import {
  applyBatchExactlyOnce,
  messagesOfType,
  outgoingEvent,
  type BatchMessage,
  type OutgoingMessage,
  type PgTx,
} from '@dinner-rush/messaging';
import { APP_CONFIG } from '@dinner-rush/service-kit';
import type { LedgerConfig } from '../config';
import { LedgerRepository, type NewJournal, type PendingCancellation } from './ledger.repository';
import { orderPostingLines, reversalPostingLines, totals, type PostingLine } from './posting-rules';

type Cause = Pick<Envelope, 'messageId' | 'correlationId'>;

/**
 * Where orders become ledger entries. Each event is applied exactly once
 * (inbox), and per order there is at most one sale and one reversal (unique
 * (order_id, kind)), so redeliveries, replays and out-of-order arrivals are
 * harmless: a cancellation that overtakes its creation waits as a pending row.
 * A batch is posted in one transaction, creations before cancellations, so a
 * creation and its cancellation in one batch end as a sale and its reversal.
 */
@Injectable()
export class LedgerService {
  constructor(
    private readonly repository: LedgerRepository,
    @Inject(APP_CONFIG) private readonly config: LedgerConfig,
  ) {}

  async post(batch: readonly BatchMessage[]): Promise<void> {
    // Before any I/O: an order that cannot balance is rejected alone (dead-lettered).
    const saleLines = new Map<BatchMessage, PostingLine[]>();
    for (const message of messagesOfType(batch, OrderCreatedV1)) {
      try {
        saleLines.set(
          message,
          orderPostingLines(message.envelope.data, this.config.LEDGER_COMMISSION_BPS),
        );
      } catch (error) {
        message.reject(error);
      }
    }
    await applyBatchExactlyOnce(this.repository.pool, batch, async (tx, fresh) => {
      await this.repository.lockOrders(
        tx,
        fresh.map((message) => orderIdOf(message.envelope)),
      );
      const sales = messagesOfType(fresh, OrderCreatedV1).map((message) =>
        journal('order', message.envelope.data, message.envelope, saleLines.get(message) ?? []),
      );
      const cancellations = messagesOfType(fresh, OrderCancelledV1);
      const recorded = await this.insert(tx, LedgerRecordedV1, sales);
      const reversals = [
        ...(await this.overtakenCancellations(tx, recorded)),
        ...(await this.cancellationsOf(tx, cancellations)),
      ];
      return [
        ...recorded.map((posted) => posted.event),
        ...(await this.insert(tx, LedgerReversedV1, reversals)).map((posted) => posted.event),
      ];
    });
  }

  /** Reversals for the cancellations that arrived before these sales (kept pending until now). */
  private async overtakenCancellations(tx: PgTx, sales: readonly Posted[]): Promise<Posting[]> {
    const pending = await this.repository.takePendingCancellations(
      tx,
      sales.map(({ posting }) => posting.journal.orderId),
    );
    const saleOf = new Map(sales.map(({ posting }) => [posting.journal.orderId, posting.journal]));
    return pending.flatMap((cancellation) => {
      const sale = saleOf.get(cancellation.orderId);
      return sale ? [reversalOf(sale, cancellation)] : [];
    });
  }

  /** Reversals for cancellations whose sale is posted; the others wait as pending rows. */
  private async cancellationsOf(
    tx: PgTx,
    cancellations: readonly BatchMessage<Envelope<{ orderId: string; cancelledAt: string }>>[],
  ): Promise<Posting[]> {
    const sales = await this.repository.findSales(
      tx,
      cancellations.map((message) => message.envelope.data.orderId),
    );
    const reversals: Posting[] = [];
    const early: PendingCancellation[] = [];
    for (const { envelope } of cancellations) {
      const sale = sales.get(envelope.data.orderId);
      if (sale) reversals.push(reversalOf(sale, envelope));
      else
        early.push({
          orderId: envelope.data.orderId,
          messageId: envelope.messageId,
          correlationId: envelope.correlationId,
          cancelledAt: new Date(envelope.data.cancelledAt),
        });
    }
    await this.repository.savePendingCancellations(tx, early);
    return reversals;
  }

  /** Writes the journals; answers those written (an order's second sale or reversal is not). */
  private async insert(
    tx: PgTx,
    event: typeof LedgerRecordedV1 | typeof LedgerReversedV1,
    postings: readonly Posting[],
  ): Promise<Posted[]> {
    const written = await this.repository.insertJournals(
      tx,
      postings.map((posting) => posting.journal),
    );
    return postings
      .filter((posting) => written.has(posting.journal.id))
      .map((posting) => {
        const { orderId, id: journalId, lines } = posting.journal;
        const data = { orderId, journalId, ...totals(lines) };
        return { posting, event: outgoingEvent(event, data, causedBy(posting.cause)) };
      });
  }
}

/** A journal to write, and the message that caused it (its status event names that message). */
interface Posting {
  journal: NewJournal;
  cause: Cause;
}

interface Posted {
  posting: Posting;
  event: OutgoingMessage;
}

function journal(
  kind: NewJournal['kind'],
  order: { orderId: string; currency: string },
  cause: Cause,
  lines: readonly PostingLine[],
): Posting {
  return {
    journal: {
      id: randomUUID(),
      orderId: order.orderId,
      kind,
      currency: order.currency,
      causeMessageId: cause.messageId,
      lines,
    },
    cause,
  };
}

/** A reversal mirrors the posted sale's lines, so it cancels them exactly. */
function reversalOf(
  sale: { orderId: string; currency: string; lines: readonly PostingLine[] },
  cause: Cause,
): Posting {
  return journal('reversal', sale, cause, reversalPostingLines(sale.lines));
}

function orderIdOf(envelope: Envelope): string {
  return (envelope.data as { orderId: string }).orderId;
}
