import { Argument, type Command } from '@commander-js/extra-typings';
import { SERVICE_SCHEMAS, type ServiceName } from '../../services';

/** `dinner-rush db:migration <service> <name>`: see tools/db-migration.ts and docs/prisma.md. */
export function addDbMigrationCommand(program: Command): void {
  program
    .command('db:migration')
    .summary('write a migration for a schema change')
    .description(
      "write prisma/<service>/migrations/<timestamp>_<name>/migration.sql: the SQL from the schema at git HEAD to the work tree's, offline",
    )
    .addArgument(new Argument('<service>').choices(Object.keys(SERVICE_SCHEMAS) as ServiceName[]))
    .argument('<name>', 'what the migration does, e.g. add_tip_column')
    .action(async (service, name) => {
      const { writeMigration } = await import('../../db-migration');
      await writeMigration(service, name);
    });
}
