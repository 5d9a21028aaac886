import { Module, type DynamicModule } from '@nestjs/common';
import { loggingModule } from '@dinner-rush/service-kit';
import { ActionsController } from './actions/actions.controller';
import { ConsumerCommands } from './actions/consumer-commands';
import { OrderPlacer } from './actions/order-placer';
import { SpikeRunner } from './actions/spike-runner';
import type { DashboardConfig } from './config';
import { DASHBOARD_CONFIG } from './dashboard-config.token';
import { PageController } from './page/page.controller';
import { SnapshotService } from './snapshot/snapshot.service';

/** The live dashboard: no database, no broker connection; it only reads HTTP APIs. */
@Module({})
export class AppModule {
  static forConfig(config: DashboardConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [loggingModule('dashboard', config.LOG_LEVEL)],
      controllers: [PageController, ActionsController],
      providers: [
        { provide: DASHBOARD_CONFIG, useValue: config },
        SnapshotService,
        OrderPlacer,
        SpikeRunner,
        ConsumerCommands,
      ],
    };
  }
}
