// First: tracing patches http, express, NestJS and pg only if it loads before them.
import '@dinner-rush/telemetry';
import { migrateOnStart } from '@dinner-rush/database';
import { loadConfig, runMain, startService } from '@dinner-rush/service-kit';
import { AppModule } from './app.module';
import { customerNotifyEnvSchema } from './config';

runMain(async () => {
  const config = loadConfig(customerNotifyEnvSchema);
  await startService({
    module: AppModule.forConfig(config),
    port: config.PORT,
    beforeStart: () =>
      migrateOnStart({
        service: 'customer-notify',
        databaseUrl: config.DATABASE_URL,
        prismaDir: config.PRISMA_DIR,
        enabled: config.MIGRATE_ON_START,
      }),
  });
});
