import { defineEvent } from '@dinner-rush/contracts';
import { z } from 'zod';

/**
 * Internal to this service (not a contract): "the ride for this order is over".
 * Published to the default exchange ('') straight into the delivery-timer
 * delay queue, so its routing key is that queue's name, not the type.
 */
export const DeliveryDueV1 = defineEvent(
  'rider.delivery-due',
  1,
  '',
  z.object({ orderId: z.uuid(), riderId: z.string().min(1) }),
);
