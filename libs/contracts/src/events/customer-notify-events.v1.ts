import { z } from 'zod';
import { storableText } from '../storable-text';
import { defineEvent } from '../event-definition';
import { Exchanges } from '../topology';

/**
 * The customer was told about their order: a rider is on the way, or the order
 * was cancelled (POSTed to the configured webhook, or stored for fetching).
 */
export const CustomerNotifiedV1 = defineEvent(
  'customer.notified',
  1,
  Exchanges.orderStatus,
  z.object({
    orderId: z.uuid(),
    customerId: storableText().min(1),
    notificationId: z.uuid(),
    kind: z.enum(['rider.assigned', 'order.cancelled']),
    channel: z.enum(['webhook', 'stored']),
  }),
);
