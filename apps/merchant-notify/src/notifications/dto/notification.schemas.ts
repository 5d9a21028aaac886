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
  createdAt: string;
  payload: unknown;
}
