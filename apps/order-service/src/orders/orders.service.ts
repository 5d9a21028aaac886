import { Inject, Injectable } from '@nestjs/common';
import { OrderCancelledV1, type PlaceOrderRequest } from '@dinner-rush/contracts';
import {
  enqueueOutbox,
  outboxCommitted,
  outgoingEvent,
  simulateWork,
} from '@dinner-rush/messaging';
import { APP_CONFIG } from '@dinner-rush/service-kit';
import { CatalogueService } from '../catalogue/catalogue.service';
import type { OrderServiceConfig } from '../config';
import { PrismaService } from '../database/prisma.service';
import { requestHash } from './idempotency';
import { OrderError } from './order-errors';
import { ordersAccepted } from './order-metrics';
import { newOrder } from './new-order';
import { toOrderView, type OrderView } from './order-view';
import { OrdersRepository } from './orders.repository';
import { isDuplicateIdempotencyKey } from './place-order.sql';
import { priceOrder } from './pricing';
import { timelineDetails } from './timeline';

export interface PlacedOrder {
  statusCode: number;
  order: OrderView;
}

/** Waiting for a pooled connection under a spike is normal; give up only when really stuck. */
const TX_OPTIONS = { maxWait: 10_000, timeout: 10_000 };

@Injectable()
export class OrdersService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly repository: OrdersRepository,
    private readonly catalogue: CatalogueService,
    @Inject(APP_CONFIG) private readonly config: OrderServiceConfig,
  ) {}

  /**
   * Accepts an order: priced from the in-memory catalogue, then ONE statement
   * (one atomic commit, one round trip) writes the idempotency key (a concurrent
   * twin waits on it), the order and its order.created.v1 outbox row. Nothing downstream is called;
   * the relay publishes after commit.
   */
  async place(request: PlaceOrderRequest, idempotencyKey?: string): Promise<PlacedOrder> {
    // Stand-in for the order's own work (ORDER_WORK_TIME_MS); never while a transaction is open.
    await simulateWork(this.config.ORDER_WORK_TIME_MS);
    const priced = priceOrder(this.catalogue.catalogue, request, this.config.DELIVERY_FEE_CENTS);
    const { record, created } = newOrder(request, priced);
    const placed: PlacedOrder = { statusCode: 201, order: toOrderView(record) };
    const idempotency =
      idempotencyKey === undefined
        ? undefined
        : { key: idempotencyKey, hash: requestHash(request) };
    try {
      await this.repository.placeOrder(
        record,
        created,
        idempotency && {
          key: idempotency.key,
          requestHash: idempotency.hash,
          orderId: record.id,
          statusCode: placed.statusCode,
          responseBody: placed.order,
        },
      );
    } catch (error) {
      if (idempotency && isDuplicateIdempotencyKey(error)) {
        return this.replay(idempotency.key, idempotency.hash, error);
      }
      throw error;
    }
    outboxCommitted(); // the statement committed: wake the relay for order.created.v1
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
    const wasCancelled = await this.prisma.$transaction(async (tx) => {
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
        return true;
      }
      const status = await this.repository.findStatus(tx, id);
      if (status === undefined) throw new OrderError('order-not-found', `no order ${id}`);
      if (status === 'delivered') {
        throw new OrderError('order-not-cancellable', `order ${id} is already delivered`);
      }
      return false;
    }, TX_OPTIONS);
    if (wasCancelled) outboxCommitted();
    return this.get(id);
  }

  /** The key is taken: the same request gets the first answer again, a different one a 422. */
  private async replay(key: string, hash: string, cause: unknown): Promise<PlacedOrder> {
    const first = await this.repository.findIdempotencyKey(key);
    if (!first) throw cause;
    if (first.requestHash !== hash) {
      throw new OrderError(
        'idempotency-key-reused',
        'this Idempotency-Key was already used with a different request body',
      );
    }
    return { statusCode: first.statusCode, order: first.responseBody as OrderView };
  }
}
