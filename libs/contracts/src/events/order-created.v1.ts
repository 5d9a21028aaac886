import { z } from 'zod';
import { storableText } from '../storable-text';
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
    customerId: storableText().min(1),
    merchantId: storableText().min(1),
    merchantName: storableText(),
    merchantLocation: GeoPoint,
    items: z
      .array(
        z.object({
          menuItemId: storableText().min(1),
          name: storableText(),
          quantity: z.number().int().min(1),
          unitPriceCents: Cents,
          lineTotalCents: Cents,
        }),
      )
      .min(1),
    itemsTotalCents: Cents,
    deliveryFeeCents: Cents,
    totalCents: Cents,
    currency: storableText().length(3),
    deliveryAddress: z.object({ line1: storableText(), lat: z.number(), lng: z.number() }),
    placedAt: z.iso.datetime({ offset: true }),
  }),
);
