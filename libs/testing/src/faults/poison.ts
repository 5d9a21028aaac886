import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';

/** The kinds of poison the suite injects into every consumer's work queue. */
export type PoisonKind =
  'not-json' | 'wrong-schema' | 'missing-message-id' | 'two-megabytes' | 'unknown-type';

export const POISON_KINDS: readonly PoisonKind[] = [
  'not-json',
  'wrong-schema',
  'missing-message-id',
  'two-megabytes',
  'unknown-type',
];

/**
 * A poison body for a queue that consumes `consumedType`: each breaks exactly
 * one thing (the rest is a well-formed envelope), so the dead-letter reason
 * the consumer gives can be told apart.
 */
export function poisonBody(kind: PoisonKind, consumedType: string): Buffer {
  const envelope = {
    messageId: randomUUID(),
    type: consumedType,
    version: 1,
    occurredAt: new Date().toISOString(),
    correlationId: randomUUID(),
    causationId: null,
    data: { orderId: randomUUID() } as unknown,
  };
  switch (kind) {
    case 'not-json':
      return Buffer.from('{"messageId": this is not JSON');
    case 'wrong-schema':
      return Buffer.from(
        JSON.stringify({ ...envelope, data: { orderId: 42, totalCents: 'lots' } }),
      );
    case 'missing-message-id': {
      const { messageId: _dropped, ...rest } = envelope;
      return Buffer.from(JSON.stringify(rest));
    }
    case 'two-megabytes':
      return Buffer.from(JSON.stringify({ ...envelope, padding: 'x'.repeat(2 * 1024 * 1024) }));
    case 'unknown-type':
      return Buffer.from(JSON.stringify({ ...envelope, type: 'order.teleported.v1' }));
  }
}

/** A few lines of python3-pika: publish stdin to a queue (default exchange), persistent, confirmed. */
const PIKA_PUBLISH = [
  'import sys, pika',
  'connection = pika.BlockingConnection(pika.URLParameters(sys.argv[1]))',
  'channel = connection.channel()',
  'channel.confirm_delivery()',
  "properties = pika.BasicProperties(delivery_mode=2, content_type='application/json')",
  "channel.basic_publish(exchange='', routing_key=sys.argv[2], body=sys.stdin.buffer.read(), properties=properties)",
  'connection.close()',
].join('\n');

/**
 * Publishes `body` straight to `queue` (default exchange), persistent and
 * broker-confirmed, with python3-pika: a real AMQP client that shares no code
 * with the services. The body goes through stdin (a 2 MB argument would
 * exceed the kernel's per-argument limit).
 */
export function publishWithPika(url: string, queue: string, body: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.env.FAULTS_PYTHON ?? '/usr/bin/python3',
      ['-c', PIKA_PUBLISH, url, queue],
      {
        stdio: ['pipe', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`python3-pika publish exited ${code}: ${stderr}`)),
    );
    child.stdin.end(body);
  });
}
