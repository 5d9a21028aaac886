import { Option, type Command } from '@commander-js/extra-typings';
import { urlOf, wholeNumber } from '../option-values';

const amqpUrl = () =>
  new Option('--amqp-url <url>', 'broker and vhost')
    .env('RABBITMQ_URL')
    .argParser(urlOf('amqp', 'amqps'))
    .default('amqp://guest:guest@127.0.0.1:5672');
const managementUrl = () =>
  new Option('--management-url <url>', 'management API, to find the queues (not with --queue)')
    .env('RABBITMQ_MANAGEMENT_URL')
    .argParser(urlOf('http', 'https'))
    .default('http://guest:guest@127.0.0.1:15672');
const queue = () =>
  new Option(
    '--queue <name>',
    'one dead-letter queue (<work queue>.dlq) instead of all the service’s',
  );

/** `dinner-rush dlq list|replay <service>`: see tools/dead-letters and docs/operating.md. */
export function addDlqCommand(program: Command): void {
  const dlq = program
    .command('dlq')
    .summary("list or replay a service's dead letters")
    .description("what is in a service's dead-letter queues and why; moving it back once fixed");

  dlq
    .command('list')
    .description('show dead letters with their reason, taking nothing off the queue')
    .argument('<service>', 'e.g. ledger (its queues <service>.*.dlq)')
    .addOption(
      new Option('--limit <n>', 'messages shown per queue').argParser(wholeNumber(1)).default(20),
    )
    .addOption(queue())
    .addOption(amqpUrl())
    .addOption(managementUrl())
    .action(async (service, flags) => {
      const { listDeadLetters } = await import('../../dlq');
      await listDeadLetters({ service, ...flags }, flags.limit);
    });

  dlq
    .command('replay')
    .description('move dead letters back to their work queue (broker-confirmed, then removed)')
    .argument('<service>', 'e.g. ledger')
    .addOption(queue())
    .addOption(new Option('--id <messageId>', 'only this message'))
    .addOption(new Option('--limit <n>', 'at most this many per queue').argParser(wholeNumber(1)))
    .addOption(amqpUrl())
    .addOption(managementUrl())
    .action(async (service, flags) => {
      const { replayDeadLettersOf } = await import('../../dlq');
      await replayDeadLettersOf({ service, ...flags }, { messageId: flags.id, limit: flags.limit });
    });
}
