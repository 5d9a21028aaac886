import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  causedBy,
  LedgerRecordedV1,
  LedgerReversedV1,
  type Envelope,
  type EventData,
  type OrderCancelledV1,
  type OrderCreatedV1,
} from '@dinner-rush/contracts';
import { applyExactlyOnce, outgoingEvent, type OutgoingMessage } from '@dinner-rush/messaging';
import { APP_CONFIG } from '@dinner-rush/service-kit';
import type { LedgerConfig } from '../config';
import type { JournalKind } from '../generated/prisma/client';
import { LedgerRepository, type LedgerTx } from './ledger.repository';
import { orderPostingLines, reversalPostingLines, totals, type PostingLine } from './posting-rules';

type OrderCreated = Envelope<EventData<typeof OrderCreatedV1>>;
type OrderCancelled = Envelope<EventData<typeof OrderCancelledV1>>;

interface Posting {
  orderId: string;
  kind: JournalKind;
  currency: string;
  cause: Pick<Envelope, 'messageId' | 'correlationId'>;
  lines: readonly PostingLine[];
}

/**
 * Where an order becomes ledger entries. Each event is applied exactly once
 * (inbox), and per order there is at most one sale and one reversal (unique
 * (order_id, kind)), so redeliveries, replays and out-of-order arrivals are
 * harmless: a cancellation that overtakes its creation waits as a pending row.
 */
@Injectable()
export class LedgerService {
  private readonly logger = new Logger(LedgerService.name);

  constructor(
    private readonly repository: LedgerRepository,
    @Inject(APP_CONFIG) private readonly config: LedgerConfig,
  ) {}

  async onOrderCreated(event: OrderCreated): Promise<void> {
    const order = event.data;
    // Outside the transaction: an order that cannot balance is rejected before any I/O.
    const lines = orderPostingLines(order, this.config.LEDGER_COMMISSION_BPS);
    await applyExactlyOnce(this.repository.transaction, event, async (tx) => {
      await this.repository.lockOrder(tx, order.orderId);
      const sale = { orderId: order.orderId, currency: order.currency, lines };
      const recorded = await this.post(tx, LedgerRecordedV1, {
        ...sale,
        kind: 'order',
        cause: event,
      });
      if (!recorded) return [];
      const pending = await this.repository.takePendingCancellation(tx, order.orderId);
      if (!pending) return [recorded];
      this.logger.log(`order ${order.orderId}: applying the cancellation that arrived first`);
      const reversal = { ...sale, kind: 'reversal' as const, lines: reversalPostingLines(lines) };
      const reversed = await this.post(tx, LedgerReversedV1, { ...reversal, cause: pending });
      return reversed ? [recorded, reversed] : [recorded];
    });
  }

  async onOrderCancelled(event: OrderCancelled): Promise<void> {
    const { orderId, cancelledAt } = event.data;
    await applyExactlyOnce(this.repository.transaction, event, async (tx) => {
      await this.repository.lockOrder(tx, orderId);
      const sale = await this.repository.findJournal(tx, orderId, 'order');
      if (!sale) {
        this.logger.log(`order ${orderId}: cancellation before creation, kept pending`);
        await this.repository.savePendingCancellation(tx, {
          orderId,
          messageId: event.messageId,
          correlationId: event.correlationId,
          cancelledAt: new Date(cancelledAt),
        });
        return [];
      }
      const reversed = await this.post(tx, LedgerReversedV1, {
        orderId,
        kind: 'reversal',
        currency: sale.currency,
        cause: event,
        lines: reversalPostingLines(sale.lines),
      });
      return reversed ? [reversed] : [];
    });
  }

  /** Writes one journal and returns its status event, or null when the order already has that journal. */
  private async post(
    tx: LedgerTx,
    event: typeof LedgerRecordedV1 | typeof LedgerReversedV1,
    posting: Posting,
  ): Promise<OutgoingMessage | null> {
    const journalId = randomUUID();
    const inserted = await this.repository.insertJournal(tx, {
      id: journalId,
      orderId: posting.orderId,
      kind: posting.kind,
      currency: posting.currency,
      causeMessageId: posting.cause.messageId,
      lines: posting.lines,
    });
    if (!inserted) return null;
    const data = { orderId: posting.orderId, journalId, ...totals(posting.lines) };
    return outgoingEvent(event, data, causedBy(posting.cause));
  }
}
