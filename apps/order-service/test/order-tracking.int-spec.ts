import { randomUUID } from 'node:crypto';
import { createEnvelope, Queues, type Envelope } from '@dinner-rush/contracts';
import { DeadLetterHeaders } from '@dinner-rush/messaging';
import { waitFor, type Tap } from '@dinner-rush/testing';
import { customerNotified, orderRequest, riderAssigned, riderDelivered } from './factories';
import { OrderServiceHarness } from './harness';

interface TimelineView {
  status: string;
  timeline: { type: string; at: string; messageId: string; [key: string]: unknown }[];
}

describe('order-service: tracking status events (real PostgreSQL + RabbitMQ)', () => {
  let service: OrderServiceHarness;
  let deadLetters: Tap;

  beforeAll(async () => {
    // One message at a time, so "a later message was applied" means "every earlier one was handled".
    service = await OrderServiceHarness.start({ PREFETCH: '1' });
    deadLetters = await service.broker.tapQueue(Queues.orderTracking.deadLetterQueue);
  });

  afterAll(async () => {
    await service?.close();
  });

  async function placeOrder(): Promise<{ id: string; createdAt: string }> {
    const res = await service.placeOrder(orderRequest());
    expect(res.status).toBe(201);
    return res.body as { id: string; createdAt: string };
  }

  async function getOrder(id: string): Promise<TimelineView> {
    return (await service.http().get(`/orders/${id}`).expect(200)).body as TimelineView;
  }

  /** Waits until the order's timeline holds an entry for `messageId`. */
  function timelineWith(orderId: string, messageId: string): Promise<TimelineView> {
    return waitFor(
      async () => {
        const order = await getOrder(orderId);
        return order.timeline.some((e) => e.messageId === messageId) ? order : undefined;
      },
      { what: `timeline entry ${messageId}`, timeoutMs: 15_000 },
    );
  }

  it('shows any status event about the order, known type or not, sorted by when it happened', async () => {
    const order = await placeOrder();
    const created = Date.parse(order.createdAt);
    const assigned = riderAssigned(order.id, new Date(created + 2_000));
    // Published second but happened first: the timeline follows occurredAt, not arrival.
    const notified = customerNotified(order.id, new Date(created + 1_000));
    await service.broker.publishStatusEvent(assigned);
    await service.broker.publishStatusEvent(notified);
    await timelineWith(order.id, assigned.messageId);
    const view = await timelineWith(order.id, notified.messageId);

    expect(view.status).toBe('placed');
    expect(view.timeline).toEqual([
      { type: 'order.created.v1', at: order.createdAt, messageId: expect.any(String) },
      {
        type: 'customer.notified.v1',
        at: notified.occurredAt,
        messageId: notified.messageId,
        channel: 'sms',
        template: 'order-on-its-way',
      },
      {
        type: 'rider.assigned.v1',
        at: assigned.occurredAt,
        messageId: assigned.messageId,
        riderId: 'r-7',
        riderName: 'Rita',
        distanceKm: 1.2,
        waitedMs: 0,
      },
    ]);
  });

  it('records a redelivered (duplicate) status event once', async () => {
    const order = await placeOrder();
    const assigned = riderAssigned(order.id);
    await service.broker.publishStatusEvent(assigned);
    await service.broker.publishStatusEvent(assigned);
    const marker = customerNotified(order.id);
    await service.broker.publishStatusEvent(marker);
    const view = await timelineWith(order.id, marker.messageId);
    expect(view.timeline.filter((e) => e.messageId === assigned.messageId)).toHaveLength(1);
    const { rows } = await service.sql.query(
      'SELECT count(*)::int AS n FROM order_timeline WHERE message_id = $1',
      [assigned.messageId],
    );
    expect(rows).toEqual([{ n: 1 }]);
    // The copy was recognised (inbox), not failed and dead-lettered.
    expect(deadLetters.bodies().map((b) => b.messageId)).not.toContain(assigned.messageId);
  });

  it('marks the order delivered on rider.delivered.v1', async () => {
    const order = await placeOrder();
    const delivered = riderDelivered(order.id);
    await service.broker.publishStatusEvent(delivered);
    const view = await timelineWith(order.id, delivered.messageId);
    expect(view).toMatchObject({ status: 'delivered', deliveredAt: delivered.occurredAt });
  });

  it('dead-letters a status event about an unknown order with reason unknown-order', async () => {
    const event = riderAssigned(randomUUID());
    await service.broker.publishStatusEvent(event);
    const { msg } = await deadLetters.next(
      (body) => body.messageId === event.messageId,
      'unknown-order event in the dead-letter queue',
    );
    expect(msg.properties.headers?.[DeadLetterHeaders.reason]).toBe('unknown-order');
  });

  it.each<[string, (orderId: string) => Envelope | Buffer, string]>([
    ['not JSON', () => Buffer.from('{ definitely not json'), 'not-json'],
    [
      'an envelope without a messageId',
      (orderId) => {
        const { messageId: _dropped, ...rest } = customerNotified(orderId);
        return rest as Envelope;
      },
      'invalid-envelope',
    ],
    [
      'data without an orderId',
      (orderId) =>
        createEnvelope(
          'customer.notified.v1',
          1,
          { channel: 'sms' },
          { correlationId: orderId, causationId: null },
        ),
      'invalid-data',
    ],
  ])('dead-letters %s with reason %s and keeps consuming', async (_what, malformed, reason) => {
    const order = await placeOrder();
    const before = deadLetters.messages.length;
    await service.broker.publish('orders.status', 'customer.notified.v1', malformed(order.id));
    const next = customerNotified(order.id);
    await service.broker.publishStatusEvent(next);
    await timelineWith(order.id, next.messageId);
    const dead = await waitFor(() => Promise.resolve(deadLetters.messages[before]), {
      what: 'the malformed message in the dead-letter queue',
    });
    expect(dead.properties.headers?.[DeadLetterHeaders.reason]).toBe(reason);
  });
});
