import { OrderCreatedV1, OrderCreatedV2, type PlaceOrderRequest } from '@dinner-rush/contracts';
import { Catalogue } from '../catalogue/catalogue';
import { newOrder } from './new-order';
import { OrderCreatedVersions } from './order-created-versions';
import { priceOrder } from './pricing';

const catalogue = new Catalogue([
  {
    id: 'm-a',
    name: 'A',
    location: { lat: 52.52, lng: 13.4 },
    menu: [{ id: 'a-1', name: 'Soup', priceCents: 450 }],
  },
]);

const request: PlaceOrderRequest = {
  customerId: 'c-1',
  merchantId: 'm-a',
  items: [{ menuItemId: 'a-1', quantity: 2 }],
  deliveryAddress: { line1: 'Torstraße 1', lat: 52.53, lng: 13.41 },
  deliveryInstructions: 'Ring twice',
};

const announce = (publishV1: boolean) =>
  newOrder(request, priceOrder(catalogue, request, 299), new OrderCreatedVersions(publishV1));

describe('newOrder: how a new order is announced', () => {
  it('sends order.created.v1 and its v2 twin (one id) while v1 is published', () => {
    const { record, created } = announce(true);
    expect(created.map((m) => m.routingKey)).toEqual([OrderCreatedV1.type, OrderCreatedV2.type]);
    const [v1, v2] = created.map((m) => m.envelope);
    expect(v1?.messageId).toBe(v2?.messageId);
    expect(record.createdEventId).toBe(v1?.messageId);
    expect(v2?.data).toMatchObject({ orderId: record.id, deliveryInstructions: 'Ring twice' });
  });

  it('sends the v2 copy alone once v1 is retired, with the same content', () => {
    const { record, created } = announce(false);
    expect(created.map((m) => m.routingKey)).toEqual([OrderCreatedV2.type]);
    expect(created[0]?.envelope.messageId).toBe(record.createdEventId);
    expect(created[0]?.envelope.data).toMatchObject({
      orderId: record.id,
      deliveryInstructions: 'Ring twice',
    });
  });
});

describe('OrderCreatedVersions', () => {
  it('lets the v2 twin find no queue only while the v1 copy delivers the order', () => {
    expect(new OrderCreatedVersions(true).mayFindNoQueue).toEqual([OrderCreatedV2.type]);
    expect(new OrderCreatedVersions(false).mayFindNoQueue).toEqual([]);
  });

  it('leaves the repeating copy out of a replay: v2 while v1 is published, v1 once retired', () => {
    expect(new OrderCreatedVersions(true).repeatedInArchive).toEqual([OrderCreatedV2.type]);
    expect(new OrderCreatedVersions(false).repeatedInArchive).toEqual([OrderCreatedV1.type]);
  });
});
