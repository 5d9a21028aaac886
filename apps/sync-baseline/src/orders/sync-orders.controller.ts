import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CurrentCaller, Roles, type Caller } from '@dinner-rush/auth';
import { placeOrderRequestSchema } from '@dinner-rush/contracts';
import { ProblemException, ZodValidationPipe } from '@dinner-rush/service-kit';
import { DownstreamError } from './downstream-client';
import { SyncOrdersService, type SyncOrderView } from './sync-orders.service';

/** POST /orders, answered only once every downstream step has succeeded. */
@Controller('orders')
export class SyncOrdersController {
  // The same body as order-service's, so one load generator drives both set-ups.
  private readonly body = new ZodValidationPipe(placeOrderRequestSchema());

  constructor(private readonly orders: SyncOrdersService) {}

  @Post()
  @Roles('customer')
  @HttpCode(201)
  async place(@Body() body: unknown, @CurrentCaller() caller: Caller): Promise<SyncOrderView> {
    const request = this.body.transform(body);
    // As order-service: a customer orders for themselves only.
    if (request.customerId !== caller.sub) {
      throw new ProblemException({
        status: 403,
        title: 'Forbidden',
        code: 'customer-mismatch',
        detail: 'customerId must be the caller: a customer places orders for themselves only',
      });
    }
    try {
      return await this.orders.place(request);
    } catch (error) {
      if (error instanceof DownstreamError) throw downstreamProblem(error);
      throw error;
    }
  }
}

/** 504 when a downstream did not answer in time, 502 when it answered with a failure or not at all. */
function downstreamProblem(error: DownstreamError): ProblemException {
  const timeout = error.kind === 'timeout';
  return new ProblemException({
    status: timeout ? 504 : 502,
    title: timeout ? 'Gateway Timeout' : 'Bad Gateway',
    code: timeout ? 'downstream-timeout' : 'downstream-failed',
    detail: error.message,
  });
}
