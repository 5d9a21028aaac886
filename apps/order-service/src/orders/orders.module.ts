import { Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { QuoteSigningModule } from '../quote/quote-signing.module';
import { RateLimitModule } from './rate-limits';
import { OrderIntake } from './order-intake';
import { OrdersController } from './orders.controller';
import { OrdersRepository } from './orders.repository';
import { OrdersService } from './orders.service';
import { RecentOrdersController } from './recent-orders.controller';
import { RecentOrdersQuery } from './recent-orders.query';

@Module({
  imports: [CatalogueModule, RateLimitModule, QuoteSigningModule],
  controllers: [OrdersController, RecentOrdersController],
  providers: [OrdersRepository, OrderIntake, OrdersService, RecentOrdersQuery],
  exports: [OrdersRepository, RateLimitModule],
})
export class OrdersModule {}
