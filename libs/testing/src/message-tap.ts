import type { Envelope } from '@dinner-rush/contracts';
import type { Channel, ConsumeMessage } from 'amqplib';
import { waitFor } from './wait-for';

/** Messages arriving on one queue the test consumes, kept raw and in arrival order. */
export interface Tap {
  readonly messages: ConsumeMessage[];
  /** Every message that parsed as JSON (malformed ones stay in `messages` only). */
  bodies(): Envelope[];
  /** Waits (up to 15 s) for a message matching `match` and returns it with its JSON body. */
  next(
    match: (body: Envelope, msg: ConsumeMessage) => boolean,
    what: string,
  ): Promise<{ body: Envelope; msg: ConsumeMessage }>;
}

/**
 * Consumes `queue` without acknowledging (noAck), recording every message.
 * Parsing happens on read, not on arrival: a test that publishes malformed
 * bytes must not make the recorder throw inside amqplib's callback.
 */
export async function tapQueue(channel: Channel, queue: string): Promise<Tap> {
  const messages: ConsumeMessage[] = [];
  await channel.consume(queue, (msg) => msg && messages.push(msg), { noAck: true });
  return {
    messages,
    bodies: () => messages.flatMap((msg) => parseEnvelope(msg) ?? []),
    next: (match, what) =>
      waitFor(
        () => {
          for (const msg of messages) {
            const body = parseEnvelope(msg);
            if (body && match(body, msg)) return { body, msg };
          }
          return undefined;
        },
        { what, timeoutMs: 15_000 },
      ),
  };
}

function parseEnvelope(msg: ConsumeMessage): Envelope | undefined {
  try {
    return JSON.parse(msg.content.toString()) as Envelope;
  } catch {
    return undefined; // not JSON: never what a test is waiting for
  }
}
