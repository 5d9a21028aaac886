import { z } from 'zod';

/**
 * What every status event on the `orders.status` exchange shares: the order it
 * is about. Tracking reads only this, so a new consumer's events show up in the
 * order timeline without any order-service change; extra fields become details.
 */
export const StatusEventData = z.looseObject({ orderId: z.uuid() });
export type StatusEventData = z.infer<typeof StatusEventData>;
