import { randomInt, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { customerLogins, TokenClient, type CustomerLogin } from '@dinner-rush/auth';
import type { CatalogueMerchant as Merchant } from '@dinner-rush/contracts';
import type { DashboardConfig } from '../config';
import { DASHBOARD_CONFIG } from '../dashboard-config.token';
import { fetchJson } from '../snapshot/http-json';

/** How many demo customers the dashboard orders as where any id can have a token (the dev issuer). */
const DEMO_CUSTOMERS = 50;

/** Places demo orders through order-service's public API, like a customer's app would. */
@Injectable()
export class OrderPlacer {
  private readonly baseUrl: string;
  private readonly customers: CustomerLogin[];
  private merchants?: Promise<Merchant[]>;

  constructor(@Inject(DASHBOARD_CONFIG) config: DashboardConfig, tokens: TokenClient) {
    this.baseUrl = config.ORDER_SERVICE_URL.replace(/\/$/, '');
    // A few demo customers, each with a customer token (TokenClient keeps them); Keycloak's own under compose.
    const wanted = Array.from({ length: DEMO_CUSTOMERS }, (_, n) => `dashboard-${n}`);
    this.customers = customerLogins(tokens, config, wanted);
  }

  /** Resolves with the new order's id; rejects with the service's answer when it refused. */
  async placeOne(): Promise<string> {
    const merchants = await this.catalogue();
    const merchant = merchants[randomInt(merchants.length)] as Merchant;
    const item = merchant.menu[randomInt(merchant.menu.length)] as { id: string };
    const customer = this.customers[randomInt(this.customers.length)] as CustomerLogin;
    const customerId = customer.id;
    const order = await fetchJson<{ id: string }>(
      `${this.baseUrl}/orders`,
      {
        method: 'POST',
        headers: { 'idempotency-key': randomUUID() },
        bearer: await customer.token(),
        body: {
          customerId,
          merchantId: merchant.id,
          items: [{ menuItemId: item.id, quantity: 1 + randomInt(3) }],
          deliveryAddress: {
            line1: 'Dashboard demo 1',
            lat: merchant.location.lat + (randomInt(200) - 100) / 10_000,
            lng: merchant.location.lng + (randomInt(200) - 100) / 10_000,
          },
        },
      },
      15_000,
    );
    return order.id;
  }

  /** The catalogue, read once (retried on the next order if it failed). */
  private catalogue(): Promise<Merchant[]> {
    this.merchants ??= fetchJson<Merchant[]>(`${this.baseUrl}/merchants`).then((merchants) => {
      const open = merchants.filter((m) => m.menu.length > 0);
      if (open.length === 0) throw new Error('order-service lists no merchant with a menu');
      return open;
    });
    this.merchants.catch(() => (this.merchants = undefined));
    return this.merchants;
  }
}
