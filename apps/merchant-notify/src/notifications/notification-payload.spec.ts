import { MerchantNotifiedV1 } from '@dinner-rush/contracts';
import {
  orderCancelledEvent,
  orderCreatedV2Event as orderCreatedEvent,
} from '../../test/factories';
import { notificationIdFor } from './notification-id';
import { cancelledNotification, createdNotification } from './notification-payload';

describe('notification payload', () => {
  it('announces a new order with its items, totals and delivery instructions, keyed by the message id', () => {
    const event = orderCreatedEvent({}, 'Ring twice');
    const payload = createdNotification(event);
    expect(payload).toEqual({
      notificationId: notificationIdFor(event.messageId),
      kind: 'order.created',
      orderId: event.data.orderId,
      merchantId: event.data.merchantId,
      occurredAt: event.occurredAt,
      order: {
        status: 'created',
        merchantName: event.data.merchantName,
        items: [
          { menuItemId: 'curry-wurst', name: 'Currywurst', quantity: 2, lineTotalCents: 900 },
        ],
        itemsTotalCents: 900,
        deliveryFeeCents: 250,
        totalCents: 1150,
        currency: 'EUR',
        placedAt: event.data.placedAt,
        deliveryInstructions: 'Ring twice',
      },
    });
  });

  it('tells the merchant nothing about the customer', () => {
    const json = JSON.stringify(createdNotification(orderCreatedEvent()));
    expect(json).not.toContain('customer-1');
    expect(json).not.toContain('Alexanderplatz');
  });

  it('announces a cancellation with its reason', () => {
    const created = orderCreatedEvent();
    const event = orderCancelledEvent(created.data, { reason: 'kitchen closed' });
    expect(cancelledNotification(event)).toEqual({
      notificationId: notificationIdFor(event.messageId),
      kind: 'order.cancelled',
      orderId: created.data.orderId,
      merchantId: created.data.merchantId,
      occurredAt: event.occurredAt,
      order: { status: 'cancelled', reason: 'kitchen closed', cancelledAt: event.data.cancelledAt },
    });
  });

  it('yields kinds the MerchantNotifiedV1 contract accepts', () => {
    const created = orderCreatedEvent();
    for (const payload of [
      createdNotification(created),
      cancelledNotification(orderCancelledEvent(created.data)),
    ]) {
      const { orderId, merchantId, notificationId, kind } = payload;
      expect(
        MerchantNotifiedV1.schema.safeParse({
          orderId,
          merchantId,
          notificationId,
          kind,
          channel: 'inbox',
        }).success,
      ).toBe(true);
    }
  });
});
