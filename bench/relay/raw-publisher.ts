import { randomUUID } from 'node:crypto';
import { Exchanges, OrderCreatedV1, type Envelope } from '@dinner-rush/contracts';
import type { ConfirmChannel } from 'amqplib';

/**
 * The broker's limit for what the relay does: persistent publishes of the same
 * envelopes to the same exchange, each confirmed, with up to `window` confirms
 * outstanding and nothing else in the way (no database, no bookkeeping).
 * `routingKeyFor` routes the n-th message (order.created.v1, as the relay, by default).
 */
export async function publishRaw(
  channel: ConfirmChannel,
  sample: Envelope,
  count: number,
  window: number,
  routingKeyFor: (n: number) => string = () => OrderCreatedV1.type,
): Promise<number> {
  const started = performance.now();
  let outstanding = 0;
  let wake: (() => void) | undefined;
  const confirms: Promise<void>[] = [];
  for (let n = 0; n < count; n++) {
    while (outstanding >= window) await new Promise<void>((resolve) => (wake = resolve));
    const envelope = { ...sample, messageId: randomUUID() };
    outstanding++;
    confirms.push(
      new Promise<void>((resolve, reject) => {
        channel.publish(
          Exchanges.orders,
          routingKeyFor(n),
          Buffer.from(JSON.stringify(envelope)),
          { persistent: true, contentType: 'application/json', messageId: envelope.messageId },
          (error) => {
            outstanding--;
            wake?.();
            if (error) reject(error instanceof Error ? error : new Error(String(error)));
            else resolve();
          },
        );
      }),
    );
  }
  await Promise.all(confirms);
  return performance.now() - started;
}
