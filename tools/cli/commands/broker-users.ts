import { Option, type Command } from '@commander-js/extra-typings';
import { urlOf } from '../option-values';

/** `dinner-rush broker:users`: see tools/broker-users.ts and docs/operating.md. */
export function addBrokerUsersCommand(program: Command): void {
  program
    .command('broker:users')
    .summary('per-service broker users and permissions')
    .description(
      "give a running broker compose's per-service users, permissions and topology (passwords from <SERVICE>_RABBITMQ_PASSWORD, vhost RABBITMQ_VHOST)",
    )
    .addOption(
      new Option('--management-url <url>', 'management API, as an administrator')
        .env('RABBITMQ_MANAGEMENT_URL')
        .argParser(urlOf('http', 'https'))
        .default('http://guest:guest@127.0.0.1:15672'),
    )
    .action(async (flags) => {
      const { applyBrokerUsers } = await import('../../broker-users');
      await applyBrokerUsers(flags.managementUrl);
    });
}
