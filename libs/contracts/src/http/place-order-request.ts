import { z } from 'zod';
import { storableText } from '../storable-text';
import { DeliveryInstructions } from '../events/shared-schemas';

/** How many lines an order may hold unless an intake is configured otherwise. */
export const DEFAULT_ORDER_MAX_LINES = 20;

/**
 * The POST /orders body: one contract between a client and any order intake
 * (order-service, sync-baseline). Strict at every level: an unknown field is a
 * client bug worth a 400, not something to ignore. Prices are never accepted
 * from the client. The line limit is the intake's to configure.
 */
export function placeOrderRequestSchema(maxLines = DEFAULT_ORDER_MAX_LINES) {
  return z.strictObject({
    customerId: storableText().min(1).max(64),
    merchantId: storableText().min(1).max(64),
    items: z
      .array(
        z.strictObject({
          menuItemId: storableText().min(1).max(64),
          quantity: z.number().int().min(1).max(50),
        }),
      )
      .min(1)
      .max(maxLines),
    deliveryAddress: z.strictObject({
      line1: storableText().min(1).max(200),
      lat: z.number().min(-90).max(90),
      lng: z.number().min(-180).max(180),
    }),
    /** For the rider (and the merchant's ticket); omit it when there are none. */
    deliveryInstructions: DeliveryInstructions.optional(),
    /** GET /quote's quoteToken: the order is charged the quoted fee (same merchant and address). */
    quoteToken: z.string().min(1).max(1_000).optional(),
  });
}

export type PlaceOrderRequest = z.infer<ReturnType<typeof placeOrderRequestSchema>>;

/** Optional Idempotency-Key header: the client's name for "this one order". */
export const IdempotencyKeyHeader = storableText().min(1).max(200).optional();
