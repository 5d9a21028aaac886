import type { DynamicModule } from '@nestjs/common';
import { Queues } from '@dinner-rush/contracts';
import { replayExchange } from '@dinner-rush/messaging';
import { ServiceModule } from '@dinner-rush/service-kit';
import type { __Name__Config } from './config';
import { PrismaService } from './database/prisma.service';
import { OrdersModule } from './orders/orders.module';

/** The whole service for one validated configuration (tests pass their own). */
export class AppModule {
  static forConfig(config: __Name__Config): DynamicModule {
    return ServiceModule.forService({
      name: '__name__',
      config,
      // Its own work queue (with its dead-letter pair), and the exchange replays arrive on.
      broker: { consumes: [Queues.__nameCamel__], extraExchanges: [replayExchange] },
      database: PrismaService,
      imports: [OrdersModule],
    });
  }
}
