import { CustomerNotifiedV1 } from '@dinner-rush/contracts';
import { orderCancelledEvent, orderCreatedEvent, riderAssignedEvent } from '../../test/factories';
import { orderCancelledNotification, riderAssignedNotification } from './customer-notification';

describe('customer notification', () => {
  const created = orderCreatedEvent();
  const order = { customerId: created.data.customerId, merchantName: 'Curry Corner' };

  it('tells the customer who is bringing the order, keyed by the causing message', () => {
    const event = riderAssignedEvent(created.data);
    expect(riderAssignedNotification(event, order)).toEqual({
      notificationId: event.messageId,
      kind: 'rider.assigned',
      orderId: created.data.orderId,
      customerId: created.data.customerId,
      occurredAt: event.occurredAt,
      text: 'Rosa is picking up your order from Curry Corner (1.3 km away).',
      details: {
        riderId: 'rider-7',
        riderName: 'Rosa',
        distanceKm: 1.26,
        merchantName: 'Curry Corner',
      },
    });
  });

  it('tells the customer about a cancellation, with the reason when there is one', () => {
    const withReason = orderCancelledEvent(created.data, { reason: 'kitchen closed' });
    expect(orderCancelledNotification(withReason)).toMatchObject({
      notificationId: withReason.messageId,
      kind: 'order.cancelled',
      customerId: created.data.customerId,
      text: 'Your order was cancelled: kitchen closed.',
    });
    const without = orderCancelledEvent(created.data, { reason: null });
    expect(orderCancelledNotification(without).text).toBe('Your order was cancelled.');
  });

  it('yields status data the CustomerNotifiedV1 contract accepts', () => {
    for (const n of [
      riderAssignedNotification(riderAssignedEvent(created.data), order),
      orderCancelledNotification(orderCancelledEvent(created.data)),
    ]) {
      const { orderId, customerId, notificationId, kind } = n;
      const data = { orderId, customerId, notificationId, kind, channel: 'stored' };
      expect(CustomerNotifiedV1.schema.safeParse(data).success).toBe(true);
    }
  });
});
