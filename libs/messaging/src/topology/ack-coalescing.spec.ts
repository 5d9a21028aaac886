import type { ConsumeMessage } from 'amqplib';
import { coalesceAcks, type AckingChannel } from './ack-coalescing';

/** A channel that records the frames it would send, and lets the test deliver messages. */
function fakeChannel() {
  const sent: string[] = [];
  let deliver: (message: ConsumeMessage | null) => void = () => undefined;
  const channel: AckingChannel = {
    consume: (_queue, onMessage) => {
      deliver = onMessage;
      return Promise.resolve({ consumerTag: 't' });
    },
    ack: (message, allUpTo) =>
      sent.push(`ack ${message.fields.deliveryTag}${allUpTo ? ' multiple' : ''}`),
    nack: (message, _allUpTo, requeue) =>
      sent.push(`nack ${message.fields.deliveryTag}${requeue ? ' requeue' : ''}`),
    reject: (message) => sent.push(`reject ${message.fields.deliveryTag}`),
  };
  const message = (tag: number) => ({ fields: { deliveryTag: tag } }) as ConsumeMessage;
  return { channel, sent, deliverTag: (tag: number) => deliver(message(tag)), message };
}

const nextTick = () => new Promise((resolve) => setImmediate(resolve));

describe('coalesceAcks', () => {
  it('acks a batch settled in one tick with one multiple ack', async () => {
    const { channel, sent, deliverTag, message } = fakeChannel();
    coalesceAcks(channel);
    await channel.consume('q', () => undefined);
    for (const tag of [1, 2, 3, 4]) deliverTag(tag);
    for (const tag of [1, 2, 3, 4]) channel.ack(message(tag));
    expect(sent).toEqual([]);
    await nextTick();
    expect(sent).toEqual(['ack 4 multiple']);
  });

  it('never acks past a message still being handled: those above it go one by one', async () => {
    const { channel, sent, deliverTag, message } = fakeChannel();
    coalesceAcks(channel);
    await channel.consume('q', () => undefined);
    for (const tag of [1, 2, 3, 4, 5]) deliverTag(tag);
    for (const tag of [1, 2, 4, 5]) channel.ack(message(tag)); // 3 still waits for its retry copy
    await nextTick();
    expect(sent).toEqual(['ack 2 multiple', 'ack 4', 'ack 5']);
    channel.ack(message(3));
    await nextTick();
    expect(sent.at(-1)).toBe('ack 3');
  });

  it('sends acks waiting in this tick before a nack, and a lone ack without multiple', async () => {
    const { channel, sent, deliverTag, message } = fakeChannel();
    coalesceAcks(channel);
    await channel.consume('q', () => undefined);
    for (const tag of [1, 2, 3]) deliverTag(tag);
    channel.ack(message(1));
    channel.nack(message(2), false, true);
    channel.ack(message(3));
    await nextTick();
    expect(sent).toEqual(['ack 1', 'nack 2 requeue', 'ack 3']);
  });

  it('leaves a channel already coalesced as it is', async () => {
    const { channel, sent, deliverTag, message } = fakeChannel();
    coalesceAcks(channel);
    coalesceAcks(channel);
    await channel.consume('q', () => undefined);
    deliverTag(1);
    deliverTag(2);
    channel.ack(message(1));
    channel.ack(message(2));
    await nextTick();
    expect(sent).toEqual(['ack 2 multiple']);
  });
});
