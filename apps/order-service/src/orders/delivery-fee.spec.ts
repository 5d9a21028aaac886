import { createHmac } from 'node:crypto';
import { QuoteSigner, type QuoteTerms } from '../quote/quote-token';
import { deliveryFeeFor } from './delivery-fee';
import { OrderError } from './order-errors';

const SECRET = 'a-test-secret-of-at-least-32-characters';
const signer = new QuoteSigner(SECRET);
const FLAT = 299;
const address = { line1: 'Alexanderplatz 1', lat: 52.5219, lng: 13.4132 };
const terms = (overrides: Partial<QuoteTerms> = {}): QuoteTerms => ({
  merchantId: 'm-curry-36',
  lat: address.lat,
  lng: address.lng,
  deliveryFeeCents: 380,
  expiresAt: Date.now() + 60_000,
  ...overrides,
});
const order = (quoteToken?: string, overrides: object = {}) => ({
  merchantId: 'm-curry-36',
  deliveryAddress: address,
  ...(quoteToken !== undefined && { quoteToken }),
  ...overrides,
});
const refusal = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    if (error instanceof OrderError && error.code === 'invalid-quote') return error.message;
    throw error;
  }
  throw new Error('accepted');
};

describe('the delivery fee an order is charged', () => {
  it('is the flat fee without a quote', () => {
    expect(deliveryFeeFor(order(), signer, FLAT)).toBe(FLAT);
  });

  it('is the quoted fee with a genuine, current quote for this merchant and drop-off', () => {
    expect(deliveryFeeFor(order(signer.sign(terms())), signer, FLAT)).toBe(380);
  });

  it('signs HMAC-SHA256 over the base64url terms with the secret (checked independently)', () => {
    const [body, mac] = signer.sign(terms()).split('.') as [string, string];
    expect(mac).toBe(createHmac('sha256', SECRET).update(body).digest('base64url'));
    expect(JSON.parse(Buffer.from(body, 'base64url').toString())).toMatchObject({
      deliveryFeeCents: 380,
    });
  });

  it.each([
    ['expired', () => signer.sign(terms({ expiresAt: Date.now() - 1 })), /expired/],
    [
      'signed with another secret',
      () => new QuoteSigner(`${SECRET}-other`).sign(terms()),
      /not issued/,
    ],
    ['not a token at all', () => 'free-delivery', /not a quote token/],
    ['three parts', () => `${signer.sign(terms())}.x`, /not a quote token/],
    [
      'for another merchant',
      () => signer.sign(terms({ merchantId: 'm-konnopke' })),
      /merchant "m-konnopke"/,
    ],
    ['for another drop-off', () => signer.sign(terms({ lat: 52.4 })), /drop-off 52.4/],
  ])('is refused when the token is %s', (_case, token, reason) => {
    expect(refusal(() => deliveryFeeFor(order(token()), signer, FLAT))).toMatch(reason);
  });

  it('is refused when the fee inside a genuine token was rewritten', () => {
    const [body, mac] = signer.sign(terms()).split('.') as [string, string];
    const rewritten = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(body, 'base64url').toString()),
        deliveryFeeCents: 1,
      }),
    ).toString('base64url');
    expect(refusal(() => deliveryFeeFor(order(`${rewritten}.${mac}`), signer, FLAT))).toMatch(
      /not issued/,
    );
  });
});
