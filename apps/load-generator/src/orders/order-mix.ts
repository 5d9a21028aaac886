import { randomUUID } from 'node:crypto';
import type { CatalogueMerchant, PlaceOrderRequest } from '@dinner-rush/contracts';
import { seededRandom } from '@dinner-rush/service-kit';

/** One request the generator will send: the body, and what it expects back. */
export interface PlannedOrder {
  body: PlaceOrderRequest;
  idempotencyKey?: string;
  /** Built to be refused (an item no menu has): it must get a 4xx and never be written. */
  invalid: boolean;
}

export interface OrderMixOptions {
  seed: number;
  idempotencyShare: number;
  invalidShare: number;
  /** Prefix of idempotency keys, so one run's orders are told apart from another's. */
  runId: string;
  /** The customers to order as (each has a token: RunTokens). */
  customers: readonly string[];
}

const CUSTOMERS = 500;

/**
 * The customers one run would order as where any id can have a token (the
 * dev issuer): few enough that each one's token is fetched once, up front.
 */
export function runCustomers(runId: string): string[] {
  return Array.from({ length: CUSTOMERS }, (_, n) => customerId(runId, n));
}

const customerId = (runId: string, n: number) => `${runId}-c${n}`;
const KM_PER_DEGREE_LAT = 111;
const STREETS = ['Hauptstraße', 'Bahnhofstraße', 'Gartenweg', 'Lindenallee', 'Schulstraße'];

/**
 * Valid orders from the live catalogue, shaped like a dinner rush: a few
 * merchants get most orders (Zipf-like weights), most baskets hold one to three
 * lines of mostly single items, and each address is within about 3 km of its
 * merchant.
 */
export function orderMix(merchants: readonly CatalogueMerchant[], options: OrderMixOptions) {
  const withMenu = merchants.filter((merchant) => merchant.menu.length > 0);
  if (withMenu.length === 0) throw new Error('GET /merchants returned no merchant with a menu');
  const random = seededRandom(options.seed);
  const weights = withMenu.map((_, rank) => 1 / (rank + 1));
  const totalWeight = weights.reduce((sum, w) => sum + w, 0);
  const pickMerchant = (): CatalogueMerchant => {
    let r = random() * totalWeight;
    for (const [index, weight] of weights.entries()) {
      r -= weight;
      if (r <= 0) return withMenu[index] as CatalogueMerchant;
    }
    return withMenu[withMenu.length - 1] as CatalogueMerchant;
  };
  const quantity = () => (random() < 0.75 ? 1 : random() < 0.8 ? 2 : 3 + Math.floor(random() * 3));

  return (n: number): PlannedOrder => {
    const merchant = pickMerchant();
    const lines = Math.min(merchant.menu.length, 1 + Math.floor(random() * random() * 4));
    const menu = [...merchant.menu].sort(() => random() - 0.5).slice(0, lines);
    const invalid = random() < options.invalidShare;
    const items = menu.map((item) => ({ menuItemId: item.id, quantity: quantity() }));
    if (invalid) items[0] = { menuItemId: `not-on-the-menu-${n}`, quantity: 1 };
    // A point within ~3 km: uniform over the disc, longitude scaled by latitude.
    const distanceKm = 3 * Math.sqrt(random());
    const bearing = 2 * Math.PI * random();
    const dLat = (distanceKm * Math.cos(bearing)) / KM_PER_DEGREE_LAT;
    const dLng =
      (distanceKm * Math.sin(bearing)) /
      (KM_PER_DEGREE_LAT * Math.cos((merchant.location.lat * Math.PI) / 180));
    const keyed = random() < options.idempotencyShare;
    return {
      body: {
        customerId: options.customers[Math.floor(random() * options.customers.length)] as string,
        merchantId: merchant.id,
        items,
        deliveryAddress: {
          line1: `${STREETS[n % STREETS.length]} ${1 + (n % 120)}`,
          lat: round6(merchant.location.lat + dLat),
          lng: round6(merchant.location.lng + dLng),
        },
      },
      ...(keyed ? { idempotencyKey: `${options.runId}-${n}-${randomUUID()}` } : {}),
      invalid,
    };
  };
}

const round6 = (value: number) => Math.round(value * 1e6) / 1e6;
