import { Option, type Command } from '@commander-js/extra-typings';
import { consumerNames } from '../../new-consumer/consumer-names';
import { nextServicePort } from '../../new-consumer/free-port';
import { tcpPort } from '../option-values';
import { asUsage } from '../usage';

/** `dinner-rush new:consumer <name>`: see tools/new-consumer/README.md. */
export function addNewConsumerCommand(program: Command): void {
  program
    .command('new:consumer')
    .alias('new-consumer')
    .summary('scaffold a new consumer service')
    .description(
      'scaffold a consumer service shaped like the others: queue, inbox, outbox, status event, tests; no order-service change',
    )
    .argument('<name>', 'kebab-case service name, e.g. loyalty-points')
    .addOption(
      new Option('--port <port>', 'HTTP port (default: the lowest free one from 3000)').argParser(
        tcpPort,
      ),
    )
    .addOption(
      new Option('--event <a.b>', 'its status event without version (default: <name>.processed)'),
    )
    .addOption(
      new Option('--root <dir>', 'the repository to add it to (default: the current directory)'),
    )
    .action(async (name, flags, command) => {
      const root = flags.root ?? process.cwd();
      const names = asUsage(command, () =>
        consumerNames(name, flags.port ?? nextServicePort(root), flags.event),
      );
      const { newConsumer } = await import('../../new-consumer/main');
      await newConsumer(root, names);
    });
}
