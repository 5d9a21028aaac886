import { Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { IntakeRateLimitModule } from './intake-rate-limit';
import { OrdersController } from './orders.controller';
import { OrdersRepository } from './orders.repository';
import { OrdersService } from './orders.service';
import { RecentOrdersController } from './recent-orders.controller';
import { RecentOrdersQuery } from './recent-orders.query';

@Module({
  imports: [CatalogueModule, IntakeRateLimitModule],
  controllers: [OrdersController, RecentOrdersController],
  providers: [OrdersRepository, OrdersService, RecentOrdersQuery],
  exports: [OrdersRepository],
})
export class OrdersModule {}
