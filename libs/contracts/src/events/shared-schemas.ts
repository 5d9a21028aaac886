import { z } from 'zod';
import { storableText } from '../storable-text';

export const Cents = z.number().int().nonnegative();
export const GeoPoint = z.strictObject({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
});
export type GeoPoint = z.infer<typeof GeoPoint>;

/**
 * The customer's note for whoever brings the order ("ring twice, 3rd floor"):
 * free text, bounded, storable. Absent when the customer wrote none (never "").
 */
export const DeliveryInstructions = storableText().min(1).max(500);
