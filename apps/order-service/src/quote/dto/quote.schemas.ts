import { storableText } from '@dinner-rush/contracts';
import { z } from 'zod';

/**
 * GET /quote query. Query values arrive as strings, hence the coercion; strict
 * like POST /orders, so a misspelt parameter is a 400, not a silent default.
 */
export const QuoteQuerySchema = z.strictObject({
  merchantId: storableText().min(1).max(64),
  lat: z.coerce.number().min(-90).max(90),
  lng: z.coerce.number().min(-180).max(180),
});
export type QuoteQuery = z.infer<typeof QuoteQuerySchema>;

/** The answer: rider-assignment's quote, or the flat fee when it did not answer in time. */
export const QuoteViewSchema = z.object({
  merchantId: z.string(),
  deliveryFeeCents: z.number().int().nonnegative(),
  currency: z.string().length(3),
  /** Unknown (null) when the quote is the fallback. */
  etaMinutes: z.number().int().positive().nullable(),
  riderAvailable: z.boolean().nullable(),
  source: z.enum(['rider-assignment', 'fallback']),
  /** Why the fallback was used: timeout, not-connected, invalid-reply, failed. */
  fallbackReason: z.string().optional(),
  quotedAt: z.iso.datetime(),
  /** Pass it as POST /orders' quoteToken (same merchant and address) to be charged this fee. */
  quoteToken: z.string(),
  /** Until when the quoteToken holds. */
  expiresAt: z.iso.datetime(),
});
export type QuoteView = z.infer<typeof QuoteViewSchema>;
