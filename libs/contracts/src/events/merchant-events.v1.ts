import { z } from 'zod';
import { storableText } from '../storable-text';
import { defineEvent } from '../event-definition';
import { Exchanges } from '../topology';

/** The merchant was told about a new or cancelled order (webhook delivered, or stored for fetching). */
export const MerchantNotifiedV1 = defineEvent(
  'merchant.notified',
  1,
  Exchanges.orderStatus,
  z.object({
    orderId: z.uuid(),
    merchantId: storableText(),
    notificationId: z.uuid(),
    kind: z.enum(['order.created', 'order.cancelled']),
    channel: z.enum(['webhook', 'inbox']),
  }),
);
