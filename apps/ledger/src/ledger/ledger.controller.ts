import { Controller, Get, Param } from '@nestjs/common';
import { Roles } from '@dinner-rush/auth';
import { ProblemException, ZodValidationPipe } from '@dinner-rush/service-kit';
import { OrderLedgerParams, type OrderLedgerView, type TrialBalanceView } from './dto/ledger.dto';
import { LedgerQueriesService } from './ledger-queries.service';

@Roles('operator')
@Controller('ledger')
export class LedgerController {
  constructor(private readonly queries: LedgerQueriesService) {}

  @Get('orders/:orderId')
  async orderLedger(
    @Param(new ZodValidationPipe(OrderLedgerParams)) { orderId }: OrderLedgerParams,
  ): Promise<OrderLedgerView> {
    const view = await this.queries.orderLedger(orderId);
    if (!view) {
      throw new ProblemException({
        title: 'Not Found',
        status: 404,
        code: 'ledger-order-not-found',
        detail: `the ledger has no journal for order ${orderId}`,
      });
    }
    return view;
  }

  @Get('trial-balance')
  trialBalance(): Promise<TrialBalanceView> {
    return this.queries.trialBalance();
  }
}
