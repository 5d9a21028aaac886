import { Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { QuoteController } from './quote.controller';
import { QuoteService } from './quote.service';
import { RiderQuotesClient } from './rider-quotes.client';

/** GET /quote: a delivery fee and ETA asked of rider-assignment (request/reply), never on the order path. */
@Module({
  imports: [CatalogueModule],
  controllers: [QuoteController],
  providers: [RiderQuotesClient, QuoteService],
})
export class QuoteModule {}
