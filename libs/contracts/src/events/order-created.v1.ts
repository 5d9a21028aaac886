import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { Exchanges } from '../topology';
import { Cents, GeoPoint } from './shared-schemas';

/** Published by order-service when an order commits. Prices are the server's, never the client's. */
export const OrderCreatedV1 = defineEvent(
  'order.created',
  1,
  Exchanges.orders,
  z.object({
    orderId: z.uuid(),
    customerId: z.string().min(1),
    merchantId: z.string().min(1),
    merchantName: z.string(),
    merchantLocation: GeoPoint,
    items: z
      .array(
        z.object({
          menuItemId: z.string().min(1),
          name: z.string(),
          quantity: z.number().int().min(1),
          unitPriceCents: Cents,
          lineTotalCents: Cents,
        }),
      )
      .min(1),
    itemsTotalCents: Cents,
    deliveryFeeCents: Cents,
    totalCents: Cents,
    currency: z.string().length(3),
    deliveryAddress: z.object({ line1: z.string(), lat: z.number(), lng: z.number() }),
    placedAt: z.iso.datetime({ offset: true }),
  }),
);
