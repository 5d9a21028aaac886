import { z } from 'zod';
import { storableText } from '../storable-text';
import { Cents, GeoPoint } from '../events/shared-schemas';
import { Exchanges } from '../topology';
import { defineRpc } from './rpc-definition';

/**
 * order-service asks rider-assignment what delivering from a merchant to an
 * address would cost and how long it would take, judged from the fleet right
 * now. Advisory only: order intake never asks (it charges its own flat fee),
 * so a slow or absent rider-assignment can never hold up an order.
 */
export const DeliveryQuoteV1 = defineRpc(
  'delivery-quote',
  1,
  Exchanges.orderRequests,
  'rider-assignment.quotes',
  {
    request: z.strictObject({
      merchantId: storableText().min(1).max(64),
      pickUp: GeoPoint,
      dropOff: GeoPoint,
    }),
    reply: z.object({
      deliveryFeeCents: Cents,
      etaMinutes: z.number().int().positive(),
      /** False when every rider is busy: the ETA then includes waiting for one. */
      riderAvailable: z.boolean(),
      /** Nearest free rider to the pick-up; null when none is free. */
      riderDistanceKm: z.number().nonnegative().nullable(),
      tripDistanceKm: z.number().nonnegative(),
    }),
    examples: {
      request: {
        merchantId: 'm-curry-36',
        pickUp: { lat: 52.4937, lng: 13.3878 },
        dropOff: { lat: 52.501, lng: 13.419 },
      },
      reply: {
        deliveryFeeCents: 320,
        etaMinutes: 13,
        riderAvailable: true,
        riderDistanceKm: 0.84,
        tripDistanceKm: 2.27,
      },
    },
  },
);

/** Every request/reply pair this repository knows; used for docs and contract tests. */
export const AllRpcs = [DeliveryQuoteV1] as const;
