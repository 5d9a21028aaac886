import type { DynamicModule } from '@nestjs/common';
import { Queues } from '@dinner-rush/contracts';
import { ServiceModule } from '@dinner-rush/service-kit';
import { CatalogueModule } from './catalogue/catalogue.module';
import type { OrderServiceConfig } from './config';
import { DatabaseModule } from './database/database.module';
import { PrismaService } from './database/prisma.service';
import { OrdersModule } from './orders/orders.module';
import { QuoteModule } from './quote/quote.module';
import { ReplayModule } from './replay/replay.module';
import { TrackingModule } from './tracking/tracking.module';

/** order-service: the HTTP API that accepts orders, publishes them via its outbox and tracks them. */
/** The whole service for one validated configuration (tests pass their own). */
export class AppModule {
  static forConfig(config: OrderServiceConfig): DynamicModule {
    return ServiceModule.forService({
      name: 'order-service',
      config,
      broker: { consumes: [Queues.orderTracking] },
      database: PrismaService,
      imports: [
        DatabaseModule,
        CatalogueModule,
        OrdersModule,
        TrackingModule,
        QuoteModule,
        ReplayModule,
      ],
    });
  }
}
