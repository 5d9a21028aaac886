import type { BatchMessage } from '@dinner-rush/messaging';
import { ROOT_CONTEXT } from '@opentelemetry/api';
// The handler hands the plan v2 envelopes only (v1 arrives upcast).
import {
  orderCancelledEvent,
  orderCreatedV2Event as orderCreatedEvent,
} from '../../test/factories';
import { planNotifications, type NotificationState } from './notification-plan';
import type { NotificationKind } from './notification-payload';

function message(envelope: BatchMessage['envelope']): BatchMessage {
  return {
    envelope,
    context: ROOT_CONTEXT,
    rejected: false,
    markDuplicate: () => undefined,
    reject: () => undefined,
  };
}

function state(
  notified: Record<string, NotificationKind[]> = {},
  webhooks: Record<string, string> = {},
): NotificationState {
  return {
    notifiedKinds: new Map(
      Object.entries(notified).map(([order, kinds]) => [order, new Set(kinds)]),
    ),
    webhooks: new Map(Object.entries(webhooks)),
  };
}

describe('planNotifications', () => {
  it('keeps a notification for the merchant to fetch when it has no webhook', () => {
    const created = orderCreatedEvent();
    const [planned] = planNotifications([message(created)], state());
    expect(planned).toMatchObject({ webhookUrl: null, payload: { kind: 'order.created' } });
  });

  it("aims at the merchant's webhook when it has one", () => {
    const created = orderCreatedEvent();
    const plan = planNotifications(
      [message(created)],
      state({}, { [created.data.merchantId]: 'http://m.example/hook' }),
    );
    expect(plan[0]?.webhookUrl).toBe('http://m.example/hook');
  });

  it('does not announce an order whose cancellation arrived first (earlier or in the same batch)', () => {
    const created = orderCreatedEvent();
    const cancelled = orderCancelledEvent(created.data);
    expect(
      planNotifications([message(created)], state({ [created.data.orderId]: ['order.cancelled'] })),
    ).toEqual([]);
    const inOneBatch = planNotifications([message(cancelled), message(created)], state());
    expect(inOneBatch.map((p) => p.payload.kind)).toEqual(['order.cancelled']);
  });

  it('tells a creation and then its cancellation, in delivery order, once each', () => {
    const created = orderCreatedEvent();
    const cancelled = orderCancelledEvent(created.data);
    const again = { ...created, messageId: crypto.randomUUID() };
    const plan = planNotifications([message(created), message(again), message(cancelled)], state());
    expect(plan.map((p) => p.payload.kind)).toEqual(['order.created', 'order.cancelled']);
  });
});
