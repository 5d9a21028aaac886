import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** What a quote promised: this fee, for this merchant and drop-off, until then. */
export interface QuoteTerms {
  merchantId: string;
  lat: number;
  lng: number;
  deliveryFeeCents: number;
  /** Epoch milliseconds. */
  expiresAt: number;
}

const TermsSchema = z.strictObject({
  merchantId: z.string().min(1).max(64),
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  deliveryFeeCents: z.number().int().nonnegative(),
  expiresAt: z.number().int().positive(),
});

export type QuoteTokenCheck =
  | { valid: true; terms: QuoteTerms }
  | { valid: false; reason: 'malformed' | 'bad-signature' | 'expired' };

/**
 * A quote the customer can hold the order to: its terms in base64url JSON
 * plus an HMAC-SHA256 over them with order-service's QUOTE_SIGNING_SECRET.
 * Order intake charges the quoted fee without asking rider-assignment again,
 * so the quote and the order always agree, and the order path stays free of
 * any synchronous call. Replicas must share the secret.
 */
export class QuoteSigner {
  constructor(private readonly secret: string) {}

  sign(terms: QuoteTerms): string {
    const body = Buffer.from(JSON.stringify(terms)).toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  check(token: string, now = Date.now()): QuoteTokenCheck {
    const [body, mac, extra] = token.split('.');
    if (body === undefined || mac === undefined || extra !== undefined)
      return { valid: false, reason: 'malformed' };
    const expected = Buffer.from(this.mac(body));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      return { valid: false, reason: 'bad-signature' };
    const terms = TermsSchema.safeParse(parseJson(Buffer.from(body, 'base64url').toString()));
    if (!terms.success) return { valid: false, reason: 'malformed' };
    if (terms.data.expiresAt <= now) return { valid: false, reason: 'expired' };
    return { valid: true, terms: terms.data };
  }

  private mac(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url');
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
