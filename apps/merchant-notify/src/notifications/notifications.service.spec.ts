import { WebhookDeliveryError, type WebhookClient } from '@dinner-rush/service-kit';
import { orderCancelledEvent, orderCreatedEvent } from '../../test/factories';
import type { NotificationKind } from './notification-payload';
import type { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';

/** The service with in-memory fakes: what the rules decide, without a database or network. */
function setup(opts: { processed?: boolean; existingKinds?: string[]; webhookUrl?: string }) {
  const executed: string[] = [];
  const tx = {
    $executeRawUnsafe: jest.fn((sql: string) => {
      executed.push(sql.split(' ').slice(0, 3).join(' '));
      return Promise.resolve(1);
    }),
  };
  const notifications = {
    transaction: jest.fn((work: (t: typeof tx) => Promise<void>) => work(tx)),
    precheck: jest.fn((_messageId: string, _orderId: string, kinds: readonly NotificationKind[]) =>
      Promise.resolve({
        processed: opts.processed ?? false,
        alreadyNotified: kinds.some((kind) => (opts.existingKinds ?? []).includes(kind)),
        webhookUrl: opts.webhookUrl ?? null,
      }),
    ),
    insert: jest.fn(() => Promise.resolve(true)),
  };
  const webhookClient = { deliver: jest.fn(() => Promise.resolve(1)) };
  const service = new NotificationsService(
    notifications as unknown as NotificationsRepository,
    webhookClient as unknown as WebhookClient,
  );
  return { service, notifications, webhookClient, executed };
}

describe('NotificationsService', () => {
  it('stores the notification in the inbox channel when the merchant has no webhook', async () => {
    const { service, notifications, webhookClient, executed } = setup({});
    await service.onOrderCreated(orderCreatedEvent());
    expect(webhookClient.deliver).not.toHaveBeenCalled();
    expect(notifications.insert).toHaveBeenCalledWith(
      expect.anything(),
      expect.objectContaining({ channel: 'inbox', status: 'stored' }),
    );
    expect(executed).toEqual(['INSERT INTO inbox', 'INSERT INTO outbox']);
  });

  it('delivers to the webhook first, then records it as delivered', async () => {
    const { service, notifications, webhookClient } = setup({ webhookUrl: 'http://m.example/h' });
    const event = orderCreatedEvent();
    await service.onOrderCreated(event);
    expect(webhookClient.deliver).toHaveBeenCalledWith(
      expect.objectContaining({ url: 'http://m.example/h' }),
    );
    expect(notifications.insert).toHaveBeenCalledWith(
      expect.anything(),
      expect.objectContaining({ channel: 'webhook', status: 'delivered' }),
    );
  });

  it('records nothing when the webhook fails, so the broker redelivers', async () => {
    const { service, notifications, webhookClient, executed } = setup({
      webhookUrl: 'http://m.example/h',
    });
    webhookClient.deliver.mockRejectedValueOnce(new WebhookDeliveryError('u', 3, 'HTTP 500'));
    await expect(service.onOrderCreated(orderCreatedEvent())).rejects.toThrow(WebhookDeliveryError);
    expect(notifications.insert).not.toHaveBeenCalled();
    expect(executed).toEqual([]);
  });

  it('skips an already-applied message without calling the webhook again', async () => {
    const { service, webhookClient, executed } = setup({
      processed: true,
      webhookUrl: 'http://m.example/h',
    });
    await service.onOrderCreated(orderCreatedEvent());
    expect(webhookClient.deliver).not.toHaveBeenCalled();
    expect(executed).toEqual([]);
  });

  it('does not announce an order whose cancellation arrived first', async () => {
    const { service, notifications, webhookClient, executed } = setup({
      existingKinds: ['order.cancelled'],
      webhookUrl: 'http://m.example/h',
    });
    await service.onOrderCreated(orderCreatedEvent());
    expect(webhookClient.deliver).not.toHaveBeenCalled();
    expect(notifications.insert).not.toHaveBeenCalled();
    expect(executed).toEqual(['INSERT INTO inbox']);
  });

  it('announces a cancellation even when the creation was never seen', async () => {
    const { service, notifications } = setup({});
    const created = orderCreatedEvent();
    await service.onOrderCancelled(orderCancelledEvent(created.data));
    expect(notifications.insert).toHaveBeenCalledWith(
      expect.anything(),
      expect.objectContaining({ payload: expect.objectContaining({ kind: 'order.cancelled' }) }),
    );
  });
});
