import type { Envelope } from '@dinner-rush/contracts';
import { orderCreatedEvent, orderLine } from '@dinner-rush/testing';

/** An order.created.v1 envelope the size the service writes (two lines), for throughput figures. */
export function sampleOrderCreated(): Envelope {
  return orderCreatedEvent({
    items: [orderLine(), orderLine({ menuItemId: 'pommes', name: 'Pommes', quantity: 1 })],
    deliveryFeeCents: 299,
  });
}
