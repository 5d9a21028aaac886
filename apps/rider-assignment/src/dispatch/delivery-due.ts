import { defineEvent } from '@dinner-rush/contracts';
import { z } from 'zod';

/**
 * The service's own direct exchange in front of its delay queues, each bound
 * under its own name. The default exchange would do the same routing, but a
 * grant to write there reaches every queue on the broker.
 */
export const DELIVERY_TIMER_EXCHANGE = 'rider-assignment.delivery-timer';

/**
 * Internal to this service (not a contract): "these rides are over".
 * Published to DELIVERY_TIMER_EXCHANGE with the delay queue's name as its
 * routing key (not the type), so it waits out that queue's TTL.
 * v2 carries every ride a batch started together (one timer for all of
 * them: they end at the same moment); v1, one ride, is still accepted so
 * timers already waiting in the queue when v2 ships still end their rides.
 */
const ride = z.object({ orderId: z.uuid(), riderId: z.string().min(1) });

export const DeliveryDueV1 = defineEvent('rider.delivery-due', 1, DELIVERY_TIMER_EXCHANGE, ride);

export const DeliveryDueV2 = defineEvent(
  'rider.delivery-due',
  2,
  DELIVERY_TIMER_EXCHANGE,
  z.object({ rides: z.array(ride).min(1).max(1_000) }),
);
