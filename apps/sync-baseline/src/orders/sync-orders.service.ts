import { Inject, Injectable } from '@nestjs/common';
import { buildEvent, OrderCreatedV1, type PlaceOrderRequest } from '@dinner-rush/contracts';
import { simulateWork } from '@dinner-rush/messaging';
import { SYNC_CONFIG } from '../app-config';
import type { SyncBaselineConfig } from '../config';
import { DownstreamClient, type DownstreamName } from './downstream-client';
import { trivialOrder } from './trivial-pricing';

/** The chain, in the order a synchronous design would call it. */
export const DOWNSTREAM_CHAIN: readonly DownstreamName[] = [
  'rider-assignment',
  'merchant-notify',
  'ledger',
];

export interface SyncOrderView {
  id: string;
  status: 'confirmed';
  totalCents: number;
  currency: string;
  /** How long each downstream call took, in chain order. */
  steps: { service: DownstreamName; ms: number }[];
}

/**
 * The order answered synchronously: its own work, then each downstream in
 * turn, each waiting for the previous. Any failure fails the order (and, as
 * in a real synchronous chain without compensation, the steps already done
 * stay done).
 */
@Injectable()
export class SyncOrdersService {
  constructor(
    private readonly downstream: DownstreamClient,
    @Inject(SYNC_CONFIG) private readonly config: SyncBaselineConfig,
  ) {}

  async place(request: PlaceOrderRequest): Promise<SyncOrderView> {
    await simulateWork(this.config.ORDER_WORK_TIME_MS);
    const data = trivialOrder(request, {
      itemPriceCents: this.config.ITEM_PRICE_CENTS,
      deliveryFeeCents: this.config.DELIVERY_FEE_CENTS,
    });
    const event = buildEvent(OrderCreatedV1, data, {
      correlationId: data.orderId,
      causationId: null,
    });
    const steps: SyncOrderView['steps'] = [];
    for (const service of DOWNSTREAM_CHAIN) {
      const started = performance.now();
      await this.downstream.deliver(service, event);
      steps.push({ service, ms: Math.round(performance.now() - started) });
    }
    return {
      id: data.orderId,
      status: 'confirmed',
      totalCents: data.totalCents,
      currency: data.currency,
      steps,
    };
  }
}
