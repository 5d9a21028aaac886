import type { DynamicModule } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { AuthModule, TokenClient } from '@dinner-rush/auth';
import {
  HealthController,
  loggingModule,
  READINESS_CHECKS,
  SERVICE_NAME,
} from '@dinner-rush/service-kit';
import { SYNC_CONFIG } from './app-config';
import type { SyncBaselineConfig } from './config';
import { DownstreamClient } from './orders/downstream-client';
import { SyncOrdersController } from './orders/sync-orders.controller';
import { SyncOrdersService } from './orders/sync-orders.service';

/**
 * The synchronous baseline for `npm run compare`: POST /orders does the
 * order's work, then calls rider-assignment, merchant-notify and ledger in
 * sequence over HTTP. It has nothing to be ready for but itself, so /health
 * has no checks: a downstream being down is what the experiment measures.
 */
export class AppModule {
  static forConfig(config: SyncBaselineConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        loggingModule('sync-baseline', config.LOG_LEVEL),
        TerminusModule.forRoot({ logger: false }),
        AuthModule.forRoot(config),
      ],
      controllers: [SyncOrdersController, HealthController],
      providers: [
        { provide: SYNC_CONFIG, useValue: config },
        { provide: SERVICE_NAME, useValue: 'sync-baseline' },
        { provide: READINESS_CHECKS, useValue: [] },
        { provide: TokenClient, useValue: new TokenClient(config) },
        DownstreamClient,
        SyncOrdersService,
      ],
    };
  }
}
