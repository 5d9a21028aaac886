import { loadConfig, runMain, startService } from '@dinner-rush/service-kit';
import { AppModule } from './app.module';
import { syncBaselineEnvSchema } from './config';

runMain(async () => {
  const config = loadConfig(syncBaselineEnvSchema);
  await startService({ module: AppModule.forConfig(config), port: config.PORT });
});
