import { Option, type Command } from '@commander-js/extra-typings';

/** `dinner-rush broker:definitions`: see tools/broker-definitions.ts and docs/operating.md. */
export function addBrokerDefinitionsCommand(program: Command): void {
  program
    .command('broker:definitions')
    .summary('rewrite deploy/rabbitmq/definitions.json')
    .description(
      'rewrite deploy/rabbitmq/definitions.json (topology, users, permissions; no password hashes) from the code',
    )
    .addOption(
      new Option(
        '--render <file>',
        'instead write them with password hashes from <SERVICE>_RABBITMQ_PASSWORD, RABBITMQ_USER/PASSWORD (compose)',
      ),
    )
    .action(async (flags) => {
      const { renderDefinitionsTo, writeCommittedDefinitions } =
        await import('../../broker-definitions');
      if (flags.render) renderDefinitionsTo(flags.render);
      else writeCommittedDefinitions();
    });
}
