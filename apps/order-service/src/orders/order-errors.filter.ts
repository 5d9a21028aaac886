import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { ProblemDetailsFilter, ProblemException } from '@dinner-rush/service-kit';
import { OrderError, type OrderErrorCode } from './order-errors';

const PROBLEMS: Record<OrderErrorCode, { status: number; title: string }> = {
  'unknown-merchant': { status: 400, title: 'Invalid request' },
  'unknown-menu-item': { status: 400, title: 'Invalid request' },
  'idempotency-key-reused': { status: 422, title: 'Idempotency key reused' },
  'order-not-found': { status: 404, title: 'Order not found' },
  'order-not-cancellable': { status: 409, title: 'Order cannot be cancelled' },
  'invalid-quote': { status: 422, title: 'Quote not valid for this order' },
  'customer-mismatch': { status: 403, title: 'Forbidden' },
};

/** Turns order-rule errors into problem+json; everything else goes to the global filter. */
@Catch(OrderError)
export class OrderErrorsFilter implements ExceptionFilter {
  private readonly problems = new ProblemDetailsFilter();

  catch(error: OrderError, host: ArgumentsHost): void {
    const problem = PROBLEMS[error.code];
    this.problems.catch(
      new ProblemException({
        ...problem,
        code: error.code,
        detail: error.message,
        ...(error.errors ? { errors: error.errors } : {}),
      }),
      host,
    );
  }
}
