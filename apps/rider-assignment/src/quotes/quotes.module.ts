import { Module } from '@nestjs/common';
import { DeliveryQuoteResponder } from './delivery-quote.responder';
import { QuotesRepository } from './quotes.repository';

/** Where a delivery quote is answered from the fleet (request/reply over RabbitMQ). */
@Module({ providers: [QuotesRepository, DeliveryQuoteResponder] })
export class QuotesModule {}
