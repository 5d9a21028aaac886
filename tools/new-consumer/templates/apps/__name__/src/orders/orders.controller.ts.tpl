import { Controller, Get, Param } from '@nestjs/common';
import { Roles } from '@dinner-rush/auth';
import { ProblemException, ZodValidationPipe } from '@dinner-rush/service-kit';
import { OrderParamsSchema, type OrderParams, type OrderRecordsView } from './dto/order-records.dto';
import { OrdersRepository } from './orders.repository';

// Who may call it (docs/auth.md): a route without a rule is refused.
@Roles('operator')
@Controller('__name__/orders')
export class OrdersController {
  constructor(private readonly orders: OrdersRepository) {}

  /** What __name__ has applied for one order, oldest first. */
  @Get(':orderId')
  async get(
    @Param(new ZodValidationPipe(OrderParamsSchema)) { orderId }: OrderParams,
  ): Promise<OrderRecordsView> {
    const records = await this.orders.findForOrder(orderId);
    if (records.length === 0) {
      throw new ProblemException({
        title: 'Not Found',
        status: 404,
        code: 'order-not-found',
        detail: `__name__ has no record of order ${orderId}`,
      });
    }
    return {
      orderId,
      events: records.map(({ messageId, type, occurredAt }) => ({
        messageId,
        type,
        occurredAt: occurredAt.toISOString(),
      })),
    };
  }
}
