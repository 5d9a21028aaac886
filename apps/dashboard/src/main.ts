import { loadConfig, runMain, startService } from '@dinner-rush/service-kit';
import { AppModule } from './app.module';
import { dashboardEnvSchema } from './config';

runMain(async () => {
  const config = loadConfig(dashboardEnvSchema);
  await startService({ module: AppModule.forConfig(config), port: config.PORT });
});
