import { Exchanges, OrderCreatedV1, Queues } from '@dinner-rush/contracts';
import { workQueueArguments } from '@dinner-rush/messaging';
import type { Channel } from 'amqplib';

/** The three consumers' work queues, declared as the services declare them (quorum, same arguments). */
export const FANOUT_QUEUES = [Queues.riderAssignment, Queues.merchantNotify, Queues.ledger];

/** The production shape: the "orders" topic exchange, each consumer queue bound to order.created.v1. */
export async function declareFanout(channel: Channel): Promise<void> {
  await channel.assertExchange(Exchanges.orders, 'topic', { durable: true });
  for (const names of FANOUT_QUEUES) {
    await channel.assertExchange(names.deadLetterExchange, 'fanout', { durable: true });
    await channel.assertQueue(names.queue, { durable: true, arguments: workQueueArguments(names) });
    await channel.bindQueue(names.queue, Exchanges.orders, OrderCreatedV1.type);
  }
}

/** Messages in each queue (all three must hold every message published). */
export async function queueCounts(channel: Channel): Promise<number[]> {
  return Promise.all(
    FANOUT_QUEUES.map(async (n) => (await channel.checkQueue(n.queue)).messageCount),
  );
}

export async function purgeFanout(channel: Channel): Promise<void> {
  for (const names of FANOUT_QUEUES) await channel.purgeQueue(names.queue);
}
