import { z } from 'zod';

export const ListNotificationsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListNotificationsQuery = z.infer<typeof ListNotificationsQuery>;

export interface NotificationView {
  id: string;
  orderId: string;
  kind: string;
  channel: string;
  /** 'stored' (inbox) | 'pending' (webhook, being delivered) | 'delivered' | 'failed'. */
  status: string;
  /** Why the webhook delivery failed for good (status 'failed'), else null. */
  failure: string | null;
  createdAt: string;
  payload: unknown;
}
