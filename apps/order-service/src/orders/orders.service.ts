import { Inject, Injectable } from '@nestjs/common';
import { OrderCancelledV1, type PlaceOrderRequest } from '@dinner-rush/contracts';
import {
  enqueueOutbox,
  inPgTransaction,
  outgoingEvent,
  prepareOutboxRow,
  simulateWork,
} from '@dinner-rush/messaging';
import { APP_CONFIG } from '@dinner-rush/service-kit';
import { CatalogueService } from '../catalogue/catalogue.service';
import type { OrderServiceConfig } from '../config';
import { requestHash } from './idempotency';
import { deliveryFeeFor } from './delivery-fee';
import { OrderError } from './order-errors';
import { QuoteSigner } from '../quote/quote-token';
import { ordersAccepted } from './order-metrics';
import { newOrder } from './new-order';
import { toOrderView, type OrderView } from './order-view';
import { OrdersRepository } from './orders.repository';
import { OrderIntake } from './order-intake';
import { priceOrder } from './pricing';
import { timelineDetails } from './timeline';

export interface PlacedOrder {
  statusCode: number;
  order: OrderView;
}

@Injectable()
export class OrdersService {
  constructor(
    private readonly repository: OrdersRepository,
    private readonly intake: OrderIntake,
    private readonly catalogue: CatalogueService,
    private readonly signer: QuoteSigner,
    @Inject(APP_CONFIG) private readonly config: OrderServiceConfig,
  ) {}

  /**
   * Accepts an order: priced from the in-memory catalogue, then ONE statement
   * (one atomic commit, shared with the orders that arrived meanwhile, see
   * OrderIntake) writes the idempotency key (a concurrent twin waits on it),
   * the order and its order.created outbox rows (v1 and v2). Nothing downstream is
   * called; the relay publishes right after commit.
   */
  async place(request: PlaceOrderRequest, idempotencyKey?: string): Promise<PlacedOrder> {
    // Stand-in for the order's own work (ORDER_WORK_TIME_MS); never while a transaction is open.
    await simulateWork(this.config.ORDER_WORK_TIME_MS);
    const priced = priceOrder(
      this.catalogue.catalogue,
      request,
      deliveryFeeFor(request, this.signer, this.config.DELIVERY_FEE_CENTS),
    );
    const { record, created } = newOrder(request, priced);
    const placed: PlacedOrder = { statusCode: 201, order: toOrderView(record) };
    const idempotency =
      idempotencyKey === undefined
        ? undefined
        : { key: idempotencyKey, hash: requestHash(request) };
    const outcome = await this.intake.place({
      order: record,
      created: created.map((message) => prepareOutboxRow(message)),
      ...(idempotency && {
        idempotency: {
          key: idempotency.key,
          requestHash: idempotency.hash,
          orderId: record.id,
          statusCode: placed.statusCode,
          responseBody: placed.order,
        },
      }),
    });
    if (outcome === 'key-taken' && idempotency)
      return this.replay(idempotency.key, idempotency.hash);
    ordersAccepted.inc();
    return placed;
  }

  async get(id: string): Promise<OrderView> {
    const order = await this.repository.findOrder(id);
    if (!order) throw new OrderError('order-not-found', `no order ${id}`);
    return toOrderView(order);
  }

  /**
   * placed → cancelled with order.cancelled.v1 in the same transaction. Asking
   * again is harmless (no second event); a delivered order cannot be cancelled.
   */
  async cancel(id: string, reason: string | null): Promise<OrderView> {
    await inPgTransaction(this.repository.pool, async (tx) => {
      const cancelledAt = new Date();
      const order = await this.repository.cancelIfPlaced(tx, id, reason, cancelledAt);
      if (order) {
        const data = { orderId: id, ...order, reason, cancelledAt: cancelledAt.toISOString() };
        const cancelled = outgoingEvent(OrderCancelledV1, data, {
          correlationId: id,
          causationId: null,
        });
        await this.repository.addTimelineEntry(tx, {
          messageId: cancelled.envelope.messageId,
          orderId: id,
          type: cancelled.envelope.type,
          at: cancelledAt,
          details: timelineDetails(data),
        });
        await enqueueOutbox(tx, [cancelled]);
        return;
      }
      const status = await this.repository.findStatus(tx, id);
      if (status === undefined) throw new OrderError('order-not-found', `no order ${id}`);
      if (status === 'delivered') {
        throw new OrderError('order-not-cancellable', `order ${id} is already delivered`);
      }
    });
    return this.get(id);
  }

  /** The key is taken: the same request gets the first answer again, a different one a 422. */
  private async replay(key: string, hash: string): Promise<PlacedOrder> {
    const first = await this.repository.findIdempotencyKey(key);
    if (!first) throw new Error(`Idempotency-Key ${key} was taken, yet it is not there`);
    if (first.requestHash !== hash) {
      throw new OrderError(
        'idempotency-key-reused',
        'this Idempotency-Key was already used with a different request body',
      );
    }
    return { statusCode: first.statusCode, order: first.responseBody as OrderView };
  }
}
