/** Valid order requests built from the live catalogue (GET /merchants), reproducibly. */
export interface Merchant {
  id: string;
  name: string;
  location: { lat: number; lng: number };
  menu: { id: string; name: string; priceCents: number }[];
}

export interface OrderRequest {
  customerId: string;
  merchantId: string;
  items: { menuItemId: string; quantity: number }[];
  deliveryAddress: { line1: string; lat: number; lng: number };
}

/** mulberry32: a tiny seeded PRNG so a failing run can be replayed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function orderFactory(merchants: readonly Merchant[], seed = 42) {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  return (n: number): OrderRequest => {
    const merchant = pick(merchants);
    const lines = 1 + Math.floor(random() * 3);
    const items = [...merchant.menu]
      .sort(() => random() - 0.5)
      .slice(0, lines)
      .map((item) => ({ menuItemId: item.id, quantity: 1 + Math.floor(random() * 3) }));
    return {
      customerId: `customer-${n % 97}`,
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
