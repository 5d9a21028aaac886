// First: tracing patches http, express, NestJS and pg only if it loads before them.
import '@dinner-rush/telemetry';
import { migrateOnStart } from '@dinner-rush/database';
import { loadConfig, runMain, startService } from '@dinner-rush/service-kit';
import { AppModule } from './app.module';
import { orderServiceEnvSchema } from './config';

runMain(async () => {
  const config = loadConfig(orderServiceEnvSchema);
  await startService({
    module: AppModule.forConfig(config),
    port: config.PORT,
    beforeStart: () =>
      migrateOnStart({
        service: 'order-service',
        databaseUrl: config.DATABASE_URL,
        prismaDir: config.PRISMA_DIR,
        enabled: config.MIGRATE_ON_START,
      }),
  });
});
