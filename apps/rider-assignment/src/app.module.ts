import type { DynamicModule } from '@nestjs/common';
import { Queues } from '@dinner-rush/contracts';
import { ServiceModule } from '@dinner-rush/service-kit';
import { AssignmentsModule } from './assignments/assignments.module';
import type { RiderAssignmentConfig } from './config';
import { PrismaService } from './database/prisma.service';
import { DeliveriesQueue, deliveryTimerTopology } from './dispatch/delivery-timer';
import { DispatchModule } from './dispatch/dispatch.module';
import { QuotesModule } from './quotes/quotes.module';
import { RidersModule } from './riders/riders.module';
import { WaitingLineModule } from './waiting-line/waiting-line.module';

/** The whole service for one validated configuration (tests pass their own). */
export class AppModule {
  static forConfig(config: RiderAssignmentConfig): DynamicModule {
    return ServiceModule.forService({
      name: 'rider-assignment',
      config,
      broker: {
        // Both work queues get their dead-letter pair; the delay queue and timers exchange are private.
        consumes: [Queues.riderAssignment, DeliveriesQueue],
        ...deliveryTimerTopology(config.RIDER_DELIVERY_MS),
      },
      database: PrismaService,
      imports: [RidersModule, AssignmentsModule, WaitingLineModule, DispatchModule, QuotesModule],
    });
  }
}
