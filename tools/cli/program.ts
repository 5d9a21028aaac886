import { Command, type OutputConfiguration } from '@commander-js/extra-typings';
import { addBrokerDefinitionsCommand } from './commands/broker-definitions';
import { addBrokerUsersCommand } from './commands/broker-users';
import { addCompareCommand } from './commands/compare';
import { addDbMigrateCommand } from './commands/db-migrate';
import { addDbMigrationCommand } from './commands/db-migration';
import { addDbRolesCommand } from './commands/db-roles';
import { addDlqCommand } from './commands/dlq';
import { addDocsAsyncApiCommand } from './commands/docs-asyncapi';
import { addK8sRenderCommand } from './commands/k8s-render';
import { addKeycloakRealmCommand } from './commands/keycloak-realm';
import { addLoadCommand } from './commands/load';
import { addNewConsumerCommand } from './commands/new-consumer';
import { addReplayCommand } from './commands/replay';
import { addTokenCommand } from './commands/token';
import { startHeartbeat } from './heartbeat';

/**
 * `dinner-rush`: every tool behind one parser. Settings made here before the
 * commands are added (errors thrown instead of exiting, the hint after a bad
 * option, where output goes) are inherited by every subcommand, which is what
 * makes `--help`, validation and exit codes the same everywhere.
 */
export function buildProgram(output: OutputConfiguration = {}): Command {
  const program = new Command('dinner-rush')
    .description(
      'Dinner Rush tools (npm run <command> runs the same, e.g. npm run dlq -- list ledger)',
    )
    .exitOverride()
    .configureOutput(output)
    .showHelpAfterError('(add --help for usage)');
  let stopHeartbeat = () => undefined as void;
  program
    .hook('preAction', (_program, action) => {
      stopHeartbeat = startHeartbeat(commandPath(action));
    })
    .hook('postAction', () => stopHeartbeat());

  program.commandsGroup('Load and figures:');
  addLoadCommand(program);
  addCompareCommand(program);
  program.commandsGroup('Operating:');
  addDlqCommand(program);
  addReplayCommand(program);
  addTokenCommand(program);
  program.commandsGroup('Development:');
  addNewConsumerCommand(program);
  addDbMigrationCommand(program);
  addDocsAsyncApiCommand(program);
  addKeycloakRealmCommand(program);
  program.commandsGroup('Set-up without compose:');
  addDbMigrateCommand(program);
  addDbRolesCommand(program);
  addBrokerUsersCommand(program);
  addBrokerDefinitionsCommand(program);
  addK8sRenderCommand(program);
  program.commandsGroup('Help:').helpCommand('help [command]', 'show the help of a command');
  return program;
}

/** "dlq list", not "list": the name a user typed, for messages. */
export function commandPath(command: { name(): string; parent: unknown }): string {
  const names: string[] = [];
  for (
    let c: { name(): string; parent: unknown } | null = command;
    c?.parent;
    c = c.parent as typeof c
  )
    names.unshift(c.name());
  return names.join(' ');
}
