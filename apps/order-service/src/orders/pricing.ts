import type { CatalogueMerchant, PlaceOrderRequest } from '@dinner-rush/contracts';
import type { Catalogue } from '../catalogue/catalogue';
import { OrderError, type FieldError } from './order-errors';

export const CURRENCY = 'EUR';

export interface PricedLine {
  menuItemId: string;
  name: string;
  quantity: number;
  unitPriceCents: number;
  lineTotalCents: number;
}

export interface PricedOrder {
  merchant: CatalogueMerchant;
  lines: PricedLine[];
  itemsTotalCents: number;
  deliveryFeeCents: number;
  totalCents: number;
  currency: string;
}

/**
 * Prices an order from the catalogue alone (the client's view of prices is
 * never trusted). Every item must be on THIS merchant's menu; each one that is
 * not is named by its field path, so the client can fix all of them at once.
 */
export function priceOrder(
  catalogue: Catalogue,
  request: Pick<PlaceOrderRequest, 'merchantId' | 'items'>,
  deliveryFeeCents: number,
): PricedOrder {
  const merchant = catalogue.merchant(request.merchantId);
  if (!merchant) {
    throw new OrderError('unknown-merchant', `merchantId: unknown merchant`, [
      { field: 'merchantId', message: `unknown merchant "${request.merchantId}"` },
    ]);
  }
  const unknown: FieldError[] = [];
  const lines = request.items.map(({ menuItemId, quantity }, index): PricedLine => {
    const item = merchant.menu.find((candidate) => candidate.id === menuItemId);
    if (!item) {
      unknown.push({
        field: `items.${index}.menuItemId`,
        message: `"${menuItemId}" is not on the menu of ${merchant.id}`,
      });
      return { menuItemId, name: '', quantity, unitPriceCents: 0, lineTotalCents: 0 };
    }
    const lineTotalCents = item.priceCents * quantity;
    return {
      menuItemId,
      name: item.name,
      quantity,
      unitPriceCents: item.priceCents,
      lineTotalCents,
    };
  });
  if (unknown.length > 0) {
    throw new OrderError(
      'unknown-menu-item',
      unknown.map((e) => `${e.field}: ${e.message}`).join('; '),
      unknown,
    );
  }
  const itemsTotalCents = lines.reduce((sum, line) => sum + line.lineTotalCents, 0);
  return {
    merchant,
    lines,
    itemsTotalCents,
    deliveryFeeCents,
    totalCents: itemsTotalCents + deliveryFeeCents,
    currency: CURRENCY,
  };
}
