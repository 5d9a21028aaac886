import { parseArgs } from 'node:util';
import { connect } from 'amqplib';
import { listQueueNames, vhostOf } from './dead-letters/broker-queues';
import {
  deadLetterQueuesOf,
  peekDeadLetters,
  replayDeadLetters,
  workQueueOf,
} from './dead-letters/dead-letter-queues';

const USAGE = `usage:
  npm run dlq -- list <service> [--limit 20]
  npm run dlq -- replay <service> [--queue <name>.dlq] [--id <messageId>] [--limit N]
env: RABBITMQ_URL (amqp://guest:guest@127.0.0.1:5672), RABBITMQ_MANAGEMENT_URL (http://guest:guest@127.0.0.1:15672)`;

/**
 * npm run dlq: what is in a service's dead-letter queues and why, and moving
 * it back to the work queue once the cause is fixed.
 */
async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      limit: { type: 'string' },
      queue: { type: 'string' },
      id: { type: 'string' },
    },
  });
  const [command, service] = positionals;
  if ((command !== 'list' && command !== 'replay') || !service) {
    console.error(USAGE);
    process.exit(2);
  }
  const amqpUrl = process.env.RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
  const managementUrl = process.env.RABBITMQ_MANAGEMENT_URL ?? 'http://guest:guest@127.0.0.1:15672';
  const limit = values.limit === undefined ? undefined : Number(values.limit);

  const all = await listQueueNames(managementUrl, vhostOf(amqpUrl));
  const queues = values.queue ? [values.queue] : deadLetterQueuesOf(service, all);
  if (queues.length === 0) {
    console.error(`no dead-letter queues for "${service}" in vhost ${vhostOf(amqpUrl)}`);
    process.exit(1);
  }

  const connection = await connect(amqpUrl);
  try {
    for (const queue of queues) {
      const channel = await connection.createConfirmChannel();
      const { messageCount } = await channel.checkQueue(queue);
      if (command === 'list') {
        console.log(`${queue}: ${messageCount} message(s)`);
        const entries = await peekDeadLetters(channel, queue, limit ?? 20);
        if (entries.length > 0) {
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
        }
      } else {
        const moved = await replayDeadLetters(channel, queue, { messageId: values.id, limit });
        console.log(`${queue}: replayed ${moved} of ${messageCount} to ${workQueueOf(queue)}`);
      }
      await channel.close();
    }
  } finally {
    await connection.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
