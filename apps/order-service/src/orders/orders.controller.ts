import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Inject,
  Param,
  Post,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { SkipThrottle } from '@nestjs/throttler';
import { CurrentCaller, Roles, type Caller } from '@dinner-rush/auth';
import { IdempotencyKeyHeader, placeOrderRequestSchema } from '@dinner-rush/contracts';
import { APP_CONFIG, ZodValidationPipe } from '@dinner-rush/service-kit';
import type { Response } from 'express';
import type { OrderServiceConfig } from '../config';
import { CancelOrderSchema, OrderIdSchema } from './dto/cancel-order.schema';
import { OrderError } from './order-errors';
import { OrderErrorsFilter } from './order-errors.filter';
import type { OrderView } from './order-view';
import { OrdersService } from './orders.service';
import { RateLimitGuard } from './rate-limit.guard';
import { RateLimits } from './rate-limits';

/** HTTP edge of orders: validates, delegates, sets the status code. No rules live here. */
@Controller('orders')
@UseFilters(OrderErrorsFilter)
export class OrdersController {
  private readonly placeOrderBody: ZodValidationPipe<ReturnType<typeof placeOrderRequestSchema>>;
  private readonly idempotencyKey = new ZodValidationPipe(IdempotencyKeyHeader);
  private readonly cancelBody = new ZodValidationPipe(CancelOrderSchema);

  constructor(
    private readonly orders: OrdersService,
    @Inject(APP_CONFIG) config: OrderServiceConfig,
  ) {
    // The line limit is configuration, so this schema is built at runtime, not in a decorator.
    this.placeOrderBody = new ZodValidationPipe(placeOrderRequestSchema(config.ORDER_MAX_LINES));
  }

  @Post()
  @Roles('customer')
  @UseGuards(RateLimitGuard)
  @SkipThrottle({ [RateLimits.quotes]: true })
  async place(
    @Body() body: unknown,
    @Headers('idempotency-key') key: string | undefined,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ): Promise<OrderView> {
    const request = this.placeOrderBody.transform(body);
    const placed = await this.orders.place(request, caller, this.idempotencyKey.transform(key));
    response.status(placed.statusCode);
    return placed.order;
  }

  @Get(':id')
  @Roles('customer', 'operator')
  get(@Param('id') id: string, @CurrentCaller() caller: Caller): Promise<OrderView> {
    return this.orders.get(orderId(id), caller);
  }

  @Post(':id/cancel')
  @Roles('customer', 'operator')
  @HttpCode(200)
  @UseGuards(RateLimitGuard)
  @SkipThrottle({ [RateLimits.quotes]: true })
  cancel(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentCaller() caller: Caller,
  ): Promise<OrderView> {
    const request = this.cancelBody.transform(body);
    return this.orders.cancel(orderId(id), request?.reason ?? null, caller);
  }
}

/** A path segment that is not a UUID names no order: 404, the same as an unknown one. */
function orderId(raw: string): string {
  if (!OrderIdSchema.safeParse(raw).success) {
    throw new OrderError('order-not-found', `no order ${raw}`);
  }
  return raw;
}
