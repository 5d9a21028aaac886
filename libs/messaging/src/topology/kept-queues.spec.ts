import { Exchanges, Queues } from '@dinner-rush/contracts';
import { consumerSubscription } from './consumer-subscription';
import { keptQueue, splitSubscription } from './kept-queues';

describe('splitSubscription', () => {
  const meta = consumerSubscription(Queues.ledger, Exchanges.orders, [
    'order.created.v1',
    'order.cancelled.v1',
  ]);

  it('hands every binding to the keeper and leaves golevelup no exchange to bind on the consuming channel', () => {
    const { subscription, queue } = splitSubscription(meta);
    expect(subscription.exchange).toBeUndefined();
    expect(subscription.bindings).toBeUndefined();
    expect(queue).toEqual({
      name: Queues.ledger.queue,
      options: meta.queueOptions,
      bindings: [
        { exchange: Exchanges.orders, routingKey: 'order.created.v1' },
        { exchange: Exchanges.orders, routingKey: 'order.cancelled.v1' },
      ],
    });
  });

  it('keeps the routing key (an RPC responder matches requests by it) and the queue options', () => {
    const { subscription } = splitSubscription(meta);
    expect(subscription.routingKey).toEqual(meta.routingKey);
    expect(subscription.queueOptions).toBe(meta.queueOptions);
    expect(subscription.queue).toBe(Queues.ledger.queue);
  });

  it('adds the extra bindings, and leaves a server-named or unbound queue to golevelup', () => {
    const extra = { ...meta, bindings: [{ exchange: 'other', routingKey: 'k' }] };
    expect(splitSubscription(extra).queue?.bindings).toContainEqual({
      exchange: 'other',
      routingKey: 'k',
    });
    expect(splitSubscription({ ...meta, queue: undefined })).toEqual({
      subscription: { ...meta, queue: undefined },
    });
    const unbound = { queue: 'q', routingKey: 'q' };
    expect(splitSubscription(unbound)).toEqual({ subscription: unbound });
  });
});

describe('keptQueue', () => {
  it('binds a configured queue with every routing key, or with none when it names no exchange', () => {
    expect(keptQueue({ name: 'dlq', exchange: 'dlx', routingKey: '' }).bindings).toEqual([
      { exchange: 'dlx', routingKey: '' },
    ]);
    expect(keptQueue({ name: 'own', options: { durable: true } })).toEqual({
      name: 'own',
      options: { durable: true },
      bindings: [],
    });
  });
});
