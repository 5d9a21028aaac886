import type { DynamicModule } from '@nestjs/common';
import { Queues } from '@dinner-rush/contracts';
import { ServiceModule } from '@dinner-rush/service-kit';
import { CatalogueModule } from './catalogue/catalogue.module';
import type { OrderServiceConfig } from './config';
import { PrismaService } from './database/prisma.service';
import { OrderCreatedVersions } from './orders/order-created-versions';
import { OrdersModule } from './orders/orders.module';
import { QuoteModule } from './quote/quote.module';
import { ReplayModule } from './replay/replay.module';
import { TrackingModule } from './tracking/tracking.module';

/**
 * order-service: the HTTP API that accepts orders, publishes them via its
 * outbox (sent events move to the archive replays read) and tracks them.
 * The whole service for one validated configuration (tests pass their own).
 */
export class AppModule {
  static forConfig(config: OrderServiceConfig): DynamicModule {
    return ServiceModule.forService({
      name: 'order-service',
      config,
      broker: { consumes: [Queues.orderTracking] },
      database: PrismaService,
      outboxArchive: { table: 'outbox_archive' },
      outboxMayFindNoQueue: new OrderCreatedVersions(config.ORDER_CREATED_V1).mayFindNoQueue,
      retention: [
        {
          table: 'outbox_archive',
          column: 'created_at',
          keepMs: hours(config.OUTBOX_ARCHIVE_RETENTION_HOURS),
        },
        {
          table: 'idempotency_keys',
          column: 'created_at',
          keepMs: hours(config.IDEMPOTENCY_KEY_RETENTION_HOURS),
        },
      ],
      imports: [CatalogueModule, OrdersModule, TrackingModule, QuoteModule, ReplayModule],
    });
  }
}

const hours = (n: number) => n * 3_600_000;
