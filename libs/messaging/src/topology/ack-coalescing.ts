import type { ConsumeMessage, Options } from 'amqplib';

/** The part of an amqplib channel whose acknowledgements are coalesced. */
export interface AckingChannel {
  consume(
    queue: string,
    onMessage: (message: ConsumeMessage | null) => void,
    options?: Options.Consume,
  ): Promise<unknown>;
  ack(message: ConsumeMessage, allUpTo?: boolean): void;
  nack(message: ConsumeMessage, allUpTo?: boolean, requeue?: boolean): void;
  reject(message: ConsumeMessage, requeue?: boolean): void;
}

const COALESCED = Symbol('acks coalesced');

/**
 * Sends a channel's acks together: the acks asked for in one tick (a batch
 * settles all its messages at once) leave as ONE basic.ack with `multiple`
 * set, up to the highest delivery tag below which nothing is still unsettled;
 * acks above a message still being handled (its retry copy not yet confirmed)
 * go one by one, so `multiple` never acknowledges a message nobody settled.
 * One frame instead of fifty is fewer writes here and less work for the
 * broker (about a fifth of a quorum queue delivery's cost, measured here).
 *
 * Installed on the raw channel before anything consumes on it (the consumer
 * channel's first setup, re-run for every new channel after a reconnect).
 * golevelup keeps calling ack(message) per message and never knows.
 */
export function coalesceAcks(channel: AckingChannel): void {
  const marked = channel as AckingChannel & { [COALESCED]?: true };
  if (marked[COALESCED]) return;
  marked[COALESCED] = true;

  /** Delivered with manual ack and not yet settled, by delivery tag. */
  const unsettled = new Map<number, ConsumeMessage>();
  /** Acked by the application, not yet sent. */
  let acked: ConsumeMessage[] = [];
  let scheduled = false;

  const consume = channel.consume.bind(channel);
  const ack = channel.ack.bind(channel);
  const nack = channel.nack.bind(channel);
  const reject = channel.reject.bind(channel);

  const flush = () => {
    scheduled = false;
    if (acked.length === 0) return;
    const batch = acked.sort((a, b) => a.fields.deliveryTag - b.fields.deliveryTag);
    acked = [];
    const ackedTags = new Set(batch.map((m) => m.fields.deliveryTag));
    let lowestOpen = Infinity;
    for (const tag of unsettled.keys())
      if (!ackedTags.has(tag) && tag < lowestOpen) lowestOpen = tag;
    const below = batch.filter((m) => m.fields.deliveryTag < lowestOpen);
    const above = batch.filter((m) => m.fields.deliveryTag > lowestOpen);
    for (const message of batch) unsettled.delete(message.fields.deliveryTag);
    try {
      const last = below[below.length - 1];
      if (last) ack(last, below.length > 1);
      for (const message of above) ack(message);
    } catch {
      // The channel closed meanwhile: the broker requeues whatever was not acked.
    }
  };

  const settleUpTo = (message: ConsumeMessage, allUpTo?: boolean) => {
    unsettled.delete(message.fields.deliveryTag);
    if (allUpTo)
      for (const tag of unsettled.keys())
        if (tag <= message.fields.deliveryTag) unsettled.delete(tag);
  };

  channel.consume = (queue, onMessage, options) =>
    consume(
      queue,
      (message) => {
        if (message && !options?.noAck) unsettled.set(message.fields.deliveryTag, message);
        onMessage(message);
      },
      options,
    );
  channel.ack = (message, allUpTo) => {
    if (allUpTo) {
      flush();
      settleUpTo(message, true);
      ack(message, true);
      return;
    }
    acked.push(message);
    if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  };
  channel.nack = (message, allUpTo, requeue) => {
    flush();
    settleUpTo(message, allUpTo);
    nack(message, allUpTo, requeue);
  };
  channel.reject = (message, requeue) => {
    flush();
    settleUpTo(message);
    reject(message, requeue);
  };
}
