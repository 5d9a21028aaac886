import { redactUrlCredentials } from '@dinner-rush/service-kit';
import { connectToAnyBroker } from '@dinner-rush/messaging';
import type { ConfirmChannel } from 'amqplib';
import { listQueueNames, vhostOf } from './dead-letters/broker-queues';
import {
  deadLetterQueuesOf,
  peekDeadLetters,
  replayDeadLetters,
  workQueueOf,
} from './dead-letters/dead-letter-queues';

export interface DlqTarget {
  service: string;
  /** One dead-letter queue by name; without it, every `<service>.*.dlq` the broker has. */
  queue?: string;
  amqpUrl: string;
  managementUrl: string;
}

/** `dinner-rush dlq list`: what is in a service's dead-letter queues and why, taking nothing off. */
export async function listDeadLetters(target: DlqTarget, limit: number): Promise<void> {
  await eachDeadLetterQueue(target, async (channel, queue, messageCount) => {
    console.log(`${queue}: ${messageCount} message(s)`);
    const entries = await peekDeadLetters(channel, queue, limit);
    if (entries.length === 0) return;
    console.table(
      entries.map((e) => ({
        messageId: e.messageId,
        type: e.type,
        reason: e.reason,
        attempts: e.attempts,
        failedAt: e.failedAt,
        error: e.error.slice(0, 80),
      })),
    );
  });
}

/** `dinner-rush dlq replay`: moves dead letters back to their work queue once the cause is fixed. */
export async function replayDeadLettersOf(
  target: DlqTarget,
  only: { messageId?: string; limit?: number },
): Promise<void> {
  await eachDeadLetterQueue(target, async (channel, queue, messageCount) => {
    const moved = await replayDeadLetters(channel, queue, only);
    console.log(`${queue}: replayed ${moved} of ${messageCount} to ${workQueueOf(queue)}`);
  });
}

type QueueWork = (channel: ConfirmChannel, queue: string, messageCount: number) => Promise<void>;

async function eachDeadLetterQueue(target: DlqTarget, work: QueueWork): Promise<void> {
  const queues = await deadLetterQueues(target);
  const connection = await connectToAnyBroker(target.amqpUrl).catch((error: unknown) => {
    throw new Error(`cannot connect to ${redactUrlCredentials(target.amqpUrl)}`, { cause: error });
  });
  // A missing queue closes its channel (404): the failed call reports it, the event must not crash us.
  connection.on('error', () => undefined);
  try {
    for (const queue of queues) {
      const channel = await connection.createConfirmChannel();
      channel.on('error', () => undefined);
      const { messageCount } = await channel.checkQueue(queue).catch((error: unknown) => {
        throw new Error(`queue ${queue} in vhost ${vhostOf(target.amqpUrl)}`, { cause: error });
      });
      await work(channel, queue, messageCount);
      await channel.close();
    }
  } finally {
    await connection.close().catch(() => undefined);
  }
}

/** Only a search by service needs the management API (AMQP cannot list queues); --queue does not. */
async function deadLetterQueues(target: DlqTarget): Promise<string[]> {
  if (target.queue) return [target.queue];
  const vhost = vhostOf(target.amqpUrl);
  const all = await listQueueNames(target.managementUrl, vhost).catch((error: unknown) => {
    const where = redactUrlCredentials(target.managementUrl);
    throw new Error(
      `cannot list the queues of vhost ${vhost} through the management API at ${where}: ` +
        `${error instanceof Error ? error.message : String(error)}. ` +
        'Enable it (rabbitmq-plugins enable rabbitmq_management) or name the queue with --queue.',
      { cause: error },
    );
  });
  const queues = deadLetterQueuesOf(target.service, all);
  if (queues.length === 0)
    throw new Error(`no dead-letter queues for "${target.service}" in vhost ${vhost}`);
  return queues;
}
