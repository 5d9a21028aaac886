// First: tracing patches http, express, NestJS and pg only if it loads before them.
import '@dinner-rush/telemetry';
import { migrateOnStart } from '@dinner-rush/database';
import { loadConfig, runMain, startService } from '@dinner-rush/service-kit';
import { AppModule } from './app.module';
import { __nameCamel__EnvSchema } from './config';

runMain(async () => {
  const config = loadConfig(__nameCamel__EnvSchema);
  await startService({
    module: AppModule.forConfig(config),
    port: config.PORT,
    beforeStart: () =>
      migrateOnStart({
        service: '__name__',
        databaseUrl: config.DATABASE_URL,
        prismaDir: config.PRISMA_DIR,
        enabled: config.MIGRATE_ON_START,
      }),
  });
});
