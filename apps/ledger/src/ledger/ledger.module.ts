import { Module } from '@nestjs/common';
import { LedgerQueriesService } from './ledger-queries.service';
import { LedgerController } from './ledger.controller';
import { LedgerRepository } from './ledger.repository';
import { LedgerService } from './ledger.service';
import { OrderEventsHandler } from './order-events.handler';

/** Order events in, balanced journals out; the ledger's read API beside them. */
@Module({
  controllers: [LedgerController],
  providers: [LedgerRepository, LedgerService, LedgerQueriesService, OrderEventsHandler],
})
export class LedgerModule {}
