import { Option, type Command } from '@commander-js/extra-typings';

/** `dinner-rush db:roles`: see tools/db-roles.ts and docs/operating.md. */
export function addDbRolesCommand(program: Command): void {
  program
    .command('db:roles')
    .summary('a database role per service, owning its schema')
    .description(
      'one login role per service owning its schema and nothing else, on DATABASE_ADMIN_URL (passwords from <SERVICE>_DB_PASSWORD)',
    )
    .addOption(new Option('--migrate', "then apply each service's migrations as its own role"))
    .action(async (flags) => {
      const { applyRolesFromEnv } = await import('../../db-roles');
      await applyRolesFromEnv(flags.migrate === true);
    });
}
