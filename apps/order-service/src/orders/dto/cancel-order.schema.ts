import { storableText } from '@dinner-rush/contracts';
import { z } from 'zod';

/** POST /orders/:id/cancel body; the body itself is optional. */
export const CancelOrderSchema = z
  .strictObject({ reason: storableText().min(1).max(500).optional() })
  .optional();

export type CancelOrderRequest = z.infer<typeof CancelOrderSchema>;

/** Order ids are UUIDs; anything else cannot name an order (404, not 400). */
export const OrderIdSchema = z.uuid();
