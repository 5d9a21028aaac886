import { z } from 'zod';
import { storableText } from '../storable-text';
import { defineEvent } from '../event-definition';
import { Exchanges } from '../topology';

/** A rider was given the order (possibly after waiting for one to free up). */
export const RiderAssignedV1 = defineEvent(
  'rider.assigned',
  1,
  Exchanges.orderStatus,
  z.object({
    orderId: z.uuid(),
    riderId: storableText(),
    riderName: storableText(),
    distanceKm: z.number().nonnegative(),
    waitedMs: z.number().int().nonnegative(),
  }),
);

/** The rider handed the order over; the rider is free again. */
export const RiderDeliveredV1 = defineEvent(
  'rider.delivered',
  1,
  Exchanges.orderStatus,
  z.object({ orderId: z.uuid(), riderId: storableText() }),
);

/** The order was cancelled: its rider (if any) is free again, or it left the waiting line. */
export const RiderReleasedV1 = defineEvent(
  'rider.released',
  1,
  Exchanges.orderStatus,
  z.object({ orderId: z.uuid(), riderId: storableText().nullable() }),
);
