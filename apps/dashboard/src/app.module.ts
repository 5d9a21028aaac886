import { Module, type DynamicModule } from '@nestjs/common';
import { AuthModule, TokenClient } from '@dinner-rush/auth';
import { loggingModule } from '@dinner-rush/service-kit';
import { ActionsController } from './actions/actions.controller';
import { ConsumerCommands } from './actions/consumer-commands';
import { OrderPlacer } from './actions/order-placer';
import { SpikeRunner } from './actions/spike-runner';
import type { DashboardConfig } from './config';
import { DASHBOARD_CONFIG } from './dashboard-config.token';
import { PageController } from './page/page.controller';
import { SignInController } from './page/sign-in.controller';
import { ServiceDirectory } from './service-directory';
import { SnapshotService } from './snapshot/snapshot.service';

/**
 * The live dashboard: no database; it reads the services' HTTP APIs and
 * RabbitMQ (the management API, or passive declares over AMQP without it).
 */
@Module({})
export class AppModule {
  static forConfig(config: DashboardConfig): DynamicModule {
    return {
      module: AppModule,
      // The page and its sign-in are public; the snapshot stream and the actions are for operators (docs/auth.md).
      imports: [loggingModule('dashboard', config.LOG_LEVEL), AuthModule.forRoot(config)],
      controllers: [PageController, SignInController, ActionsController],
      providers: [
        { provide: DASHBOARD_CONFIG, useValue: config },
        { provide: ServiceDirectory, useValue: new ServiceDirectory(config) },
        // The dashboard calls the services with its own tokens (docs/auth.md).
        { provide: TokenClient, useValue: new TokenClient(config) },
        SnapshotService,
        OrderPlacer,
        SpikeRunner,
        ConsumerCommands,
      ],
    };
  }
}
