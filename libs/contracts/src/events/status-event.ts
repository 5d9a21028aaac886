import { z } from 'zod';
import { isStorableJson } from '../storable-text';

/**
 * What every status event on the `orders.status` exchange shares: the order it
 * is about. Tracking reads only this, so a new consumer's events show up in the
 * order timeline without any order-service change; extra fields become details.
 */
export const StatusEventData = z
  .looseObject({ orderId: z.uuid() })
  // Its extra fields are stored as the timeline entry's details (jsonb).
  .refine(isStorableJson, { message: 'must not contain NUL characters or unpaired surrogates' });
export type StatusEventData = z.infer<typeof StatusEventData>;
