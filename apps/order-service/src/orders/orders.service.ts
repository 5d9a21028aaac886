import { Inject, Injectable } from '@nestjs/common';
import { mayActFor, type Caller } from '@dinner-rush/auth';
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
import { OrderCreatedVersions } from './order-created-versions';
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
  private readonly versions: OrderCreatedVersions;

  constructor(
    private readonly repository: OrdersRepository,
    private readonly intake: OrderIntake,
    private readonly catalogue: CatalogueService,
    private readonly signer: QuoteSigner,
    @Inject(APP_CONFIG) private readonly config: OrderServiceConfig,
  ) {
    this.versions = new OrderCreatedVersions(config.ORDER_CREATED_V1);
  }

  /**
   * Accepts an order: priced from the in-memory catalogue, then ONE statement
   * (one atomic commit, shared with the orders that arrived meanwhile, see
   * OrderIntake) writes the idempotency key (a concurrent twin waits on it),
   * the order and its order.created outbox rows (v1 and v2, or v2 alone). Nothing downstream is
   * called; the relay publishes right after commit. A customer orders for
   * themselves only: the body's customerId is the caller's token `sub`.
   */
  async place(
    request: PlaceOrderRequest,
    caller: Caller,
    idempotencyKey?: string,
  ): Promise<PlacedOrder> {
    if (request.customerId !== caller.sub) {
      throw new OrderError(
        'customer-mismatch',
        'customerId must be the caller: a customer places orders for themselves only',
      );
    }
    // Stand-in for the order's own work (ORDER_WORK_TIME_MS); never while a transaction is open.
    await simulateWork(this.config.ORDER_WORK_TIME_MS);
    const priced = priceOrder(
      this.catalogue.catalogue,
      request,
      deliveryFeeFor(request, this.signer, this.config.DELIVERY_FEE_CENTS),
    );
    const { record, created } = newOrder(request, priced, this.versions);
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

  /** The order, to its customer or an operator; to anyone else it does not exist. */
  async get(id: string, caller: Caller): Promise<OrderView> {
    const order = await this.repository.findOrder(id);
    if (!order || !mayActFor(caller, 'customer', order.customerId)) throw orderNotFound(id);
    return toOrderView(order);
  }

  /**
   * placed → cancelled with order.cancelled.v1 in the same transaction, by the
   * order's customer or an operator (decided on the locked row, before any
   * write). Asking again is harmless (no second event); a delivered order
   * cannot be cancelled.
   */
  async cancel(id: string, reason: string | null, caller: Caller): Promise<OrderView> {
    await inPgTransaction(this.repository.pool, async (tx) => {
      const order = await this.repository.lockOrder(tx, id);
      if (!order || !mayActFor(caller, 'customer', order.customerId)) throw orderNotFound(id);
      if (order.status === 'delivered') {
        throw new OrderError('order-not-cancellable', `order ${id} is already delivered`);
      }
      if (order.status !== 'placed') return;
      const cancelledAt = new Date();
      await this.repository.markCancelled(tx, id, reason, cancelledAt);
      const data = {
        orderId: id,
        customerId: order.customerId,
        merchantId: order.merchantId,
        reason,
        cancelledAt: cancelledAt.toISOString(),
      };
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
    });
    return this.get(id, caller);
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

/** A missing order and someone else's answer alike, so an id in use is not confirmed. */
function orderNotFound(id: string): OrderError {
  return new OrderError('order-not-found', `no order ${id}`);
}
