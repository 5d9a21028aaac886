import type { PlaceOrderRequest } from '@dinner-rush/contracts';
import type { QuoteSigner } from '../quote/quote-token';
import { OrderError } from './order-errors';

const REASONS = {
  malformed: 'is not a quote token',
  'bad-signature': 'was not issued by this service',
  expired: 'has expired: ask GET /quote again',
} as const;

/**
 * The fee an order is charged: the quoted one when it carries a quoteToken
 * (refused unless it is genuine, current, and for this merchant and this
 * drop-off), else the flat fee.
 */
export function deliveryFeeFor(
  request: Pick<PlaceOrderRequest, 'merchantId' | 'deliveryAddress' | 'quoteToken'>,
  signer: QuoteSigner,
  flatFeeCents: number,
): number {
  if (request.quoteToken === undefined) return flatFeeCents;
  const check = signer.check(request.quoteToken);
  if (!check.valid) throw invalid(`quoteToken ${REASONS[check.reason]}`);
  const { terms } = check;
  if (terms.merchantId !== request.merchantId)
    throw invalid(`quoteToken is for merchant "${terms.merchantId}", not "${request.merchantId}"`);
  const { lat, lng } = request.deliveryAddress;
  if (terms.lat !== lat || terms.lng !== lng)
    throw invalid(`quoteToken is for the drop-off ${terms.lat},${terms.lng}, not ${lat},${lng}`);
  return terms.deliveryFeeCents;
}

function invalid(message: string): OrderError {
  return new OrderError('invalid-quote', message, [{ field: 'quoteToken', message }]);
}
