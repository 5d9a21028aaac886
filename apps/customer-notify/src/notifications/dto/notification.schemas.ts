import { storableText } from '@dinner-rush/contracts';
import { z } from 'zod';

/** Customer ids come from the order; any non-empty string up to 100 characters. */
// Schemas and types are named apart: a value named like a parameter's type would become its
// runtime design type (SWC decorator metadata), which OpenAPI generation would read as a class.
export const CustomerParamsSchema = z.object({ customerId: storableText().trim().min(1).max(100) });
export type CustomerParams = z.infer<typeof CustomerParamsSchema>;

export const OrderParamsSchema = z.object({ orderId: z.uuid() });
export type OrderParams = z.infer<typeof OrderParamsSchema>;

export const ListNotificationsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListNotificationsQuery = z.infer<typeof ListNotificationsQuerySchema>;

export interface NotificationView {
  id: string;
  orderId: string;
  customerId: string;
  kind: string;
  channel: string;
  text: string;
  createdAt: string;
  payload: unknown;
}
