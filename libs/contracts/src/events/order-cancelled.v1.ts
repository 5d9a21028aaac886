import { z } from 'zod';
import { storableText } from '../storable-text';
import { defineEvent } from '../event-definition';
import { Exchanges } from '../topology';

/** Published by order-service when a not-yet-delivered order is cancelled. */
export const OrderCancelledV1 = defineEvent(
  'order.cancelled',
  1,
  Exchanges.orders,
  z.object({
    orderId: z.uuid(),
    merchantId: storableText().min(1),
    customerId: storableText().min(1),
    reason: storableText().max(500).nullable(),
    cancelledAt: z.iso.datetime({ offset: true }),
  }),
);
