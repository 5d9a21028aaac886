import { Argument, type Command } from '@commander-js/extra-typings';
import { SERVICE_SCHEMAS, type ServiceName } from '../../services';

/** `dinner-rush db:migrate [service]`: see tools/db-migrate.ts and docs/prisma.md. */
export function addDbMigrateCommand(program: Command): void {
  program
    .command('db:migrate')
    .summary("apply every service's migrations")
    .description(
      "apply each service's migrations to its <SERVICE>_DATABASE_URL (else the local database), offline, like prisma migrate deploy",
    )
    .addArgument(
      new Argument('[service]', 'only this one').choices(
        Object.keys(SERVICE_SCHEMAS) as ServiceName[],
      ),
    )
    .action(async (service) => {
      const { migrateServices } = await import('../../db-migrate');
      await migrateServices(service);
    });
}
