import { z } from 'zod';

// Schema and type are named apart: a value named like a parameter's type would become its
// runtime design type (SWC decorator metadata), which OpenAPI generation would read as a class.
export const OrderParamsSchema = z.object({ orderId: z.uuid() });
export type OrderParams = z.infer<typeof OrderParamsSchema>;

/** GET /__name__/orders/:orderId */
export interface OrderRecordsView {
  orderId: string;
  events: { messageId: string; type: string; occurredAt: string }[];
}
