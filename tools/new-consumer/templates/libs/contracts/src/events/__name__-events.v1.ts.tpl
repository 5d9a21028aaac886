import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { Exchanges } from '../topology';

/** __name__ applied an order event (eventType names which). */
export const __EventV1__ = defineEvent(
  '__event__',
  1,
  Exchanges.orderStatus,
  z.object({ orderId: z.uuid(), eventType: z.string().min(1) }),
);
