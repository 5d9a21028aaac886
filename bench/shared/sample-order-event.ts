import { randomUUID } from 'node:crypto';
import { buildEvent, OrderCreatedV1, type Envelope } from '@dinner-rush/contracts';

/** An order.created.v1 envelope like the service writes (two lines), for its size. */
export function sampleOrderCreated(): Envelope {
  const orderId = randomUUID();
  return buildEvent(
    OrderCreatedV1,
    {
      orderId,
      customerId: 'customer-17',
      merchantId: 'm-curry-36',
      merchantName: 'Curry 36',
      merchantLocation: { lat: 52.4934, lng: 13.3882 },
      items: [
        {
          menuItemId: 'i-curry-36-currywurst',
          name: 'Currywurst',
          quantity: 2,
          unitPriceCents: 450,
          lineTotalCents: 900,
        },
        {
          menuItemId: 'i-curry-36-pommes',
          name: 'Pommes',
          quantity: 1,
          unitPriceCents: 350,
          lineTotalCents: 350,
        },
      ],
      itemsTotalCents: 1_250,
      deliveryFeeCents: 299,
      totalCents: 1_549,
      currency: 'EUR',
      deliveryAddress: { line1: 'Oranienstraße 1', lat: 52.501, lng: 13.419 },
      placedAt: new Date().toISOString(),
    },
    { correlationId: orderId, causationId: null },
  );
}
