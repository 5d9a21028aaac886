import { Module, type DynamicModule } from '@nestjs/common';
import { Queues } from '@dinner-rush/contracts';
import { MessagingModule } from '@dinner-rush/messaging';
import { APP_CONFIG, HealthModule, loggingModule } from '@dinner-rush/service-kit';
import { AssignmentsModule } from './assignments/assignments.module';
import type { RiderAssignmentConfig } from './config';
import { DatabaseModule } from './database/database.module';
import { PrismaService } from './database/prisma.service';
import { DeliveriesQueue, deliveryTimerTopology } from './dispatch/delivery-timer';
import { DispatchModule } from './dispatch/dispatch.module';
import { RidersModule } from './riders/riders.module';

@Module({})
export class AppModule {
  /** Global so that every module can inject the one validated config. */
  static forConfig(config: RiderAssignmentConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG],
      imports: [
        loggingModule('rider-assignment', config.LOG_LEVEL),
        MessagingModule.forRootAsync({
          useFactory: () => ({
            rabbitmqUrl: config.RABBITMQ_URL,
            prefetch: config.PREFETCH,
            // Both work queues get their dead-letter pair; the delay queue and timers exchange are private.
            consumes: [Queues.riderAssignment, DeliveriesQueue],
            ...deliveryTimerTopology(config.RIDER_DELIVERY_MS),
            outbox: {
              databaseUrl: config.DATABASE_URL,
              pollIntervalMs: config.OUTBOX_POLL_MS,
              batchSize: config.OUTBOX_BATCH_SIZE,
            },
          }),
        }),
        DatabaseModule,
        HealthModule.forDatabase(PrismaService),
        RidersModule,
        AssignmentsModule,
        DispatchModule,
      ],
    };
  }
}
