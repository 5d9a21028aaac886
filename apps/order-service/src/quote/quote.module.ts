import { Module } from '@nestjs/common';
import { DeliveryQuoteV1 } from '@dinner-rush/contracts';
import { RpcRequesterModule } from '@dinner-rush/messaging';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { RateLimitModule } from '../orders/rate-limits';
import { QuoteController } from './quote.controller';
import { QuoteService } from './quote.service';
import { QuoteSigningModule } from './quote-signing.module';
import { RiderQuotesClient } from './rider-quotes.client';

/** GET /quote: a delivery fee and ETA asked of rider-assignment (request/reply), never on the order path. */
@Module({
  imports: [
    CatalogueModule,
    RateLimitModule,
    QuoteSigningModule,
    RpcRequesterModule.forService('order-service', [DeliveryQuoteV1]),
  ],
  controllers: [QuoteController],
  providers: [RiderQuotesClient, QuoteService],
})
export class QuoteModule {}
