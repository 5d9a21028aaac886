import { z } from 'zod';

/**
 * POST /orders body. Strict at every level: an unknown field is a client bug
 * worth a 400, not something to ignore. Prices are never accepted from the client.
 */
export function placeOrderSchema(maxLines: number) {
  return z.strictObject({
    customerId: z.string().min(1).max(64),
    merchantId: z.string().min(1).max(64),
    items: z
      .array(
        z.strictObject({
          menuItemId: z.string().min(1).max(64),
          quantity: z.number().int().min(1).max(50),
        }),
      )
      .min(1)
      .max(maxLines),
    deliveryAddress: z.strictObject({
      line1: z.string().min(1).max(200),
      lat: z.number().min(-90).max(90),
      lng: z.number().min(-180).max(180),
    }),
  });
}

export type PlaceOrderRequest = z.infer<ReturnType<typeof placeOrderSchema>>;

/** Optional Idempotency-Key header: the client's name for "this one order". */
export const IdempotencyKeyHeader = z.string().min(1).max(200).optional();
