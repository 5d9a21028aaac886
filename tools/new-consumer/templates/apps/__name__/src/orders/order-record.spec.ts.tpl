import { __EventV1__ } from '@dinner-rush/contracts';
import { orderCancelledEvent, orderCreatedEvent } from '../../test/factories';
import { orderRecordFor, statusEventData } from './order-record';

describe('order record', () => {
  it('keeps the message id, the order and the event type of an order event', () => {
    const event = orderCreatedEvent();
    expect(orderRecordFor(event)).toEqual({
      messageId: event.messageId,
      orderId: event.data.orderId,
      type: 'order.created.v1',
      occurredAt: new Date(event.occurredAt),
    });
  });

  it('reports a status event the __EventV1__ contract accepts', () => {
    const created = orderCreatedEvent();
    for (const event of [created, orderCancelledEvent(created.data)]) {
      const data = statusEventData(orderRecordFor(event));
      expect(data).toEqual({ orderId: created.data.orderId, eventType: event.type });
      expect(__EventV1__.schema.safeParse(data).success).toBe(true);
    }
  });
});
