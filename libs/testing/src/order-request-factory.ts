import type { CatalogueMerchant, PlaceOrderRequest } from '@dinner-rush/contracts';
import { seededRandom } from '@dinner-rush/service-kit';

/** Tests' short name for a merchant as GET /merchants answers it. */
export type Merchant = CatalogueMerchant;

/** The customers factory orders come from (a few, so each has orders to see and tokens are few). */
export const FACTORY_CUSTOMERS: readonly string[] = Array.from(
  { length: 97 },
  (_, n) => `customer-${n}`,
);

/** Valid order requests built from the live catalogue (GET /merchants), reproducibly. */
export function orderFactory(merchants: readonly Merchant[], seed = 42) {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  return (n: number): PlaceOrderRequest => {
    const merchant = pick(merchants);
    const lines = 1 + Math.floor(random() * 3);
    const items = [...merchant.menu]
      .sort(() => random() - 0.5)
      .slice(0, lines)
      .map((item) => ({ menuItemId: item.id, quantity: 1 + Math.floor(random() * 3) }));
    return {
      customerId: FACTORY_CUSTOMERS[n % FACTORY_CUSTOMERS.length] as string,
      merchantId: merchant.id,
      items,
      deliveryAddress: {
        line1: `${10 + (n % 90)} Teststraße`,
        lat: merchant.location.lat + (random() - 0.5) * 0.02,
        lng: merchant.location.lng + (random() - 0.5) * 0.02,
      },
    };
  };
}
