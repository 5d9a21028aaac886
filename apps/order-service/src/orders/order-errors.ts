/** Stable codes of the order rules; the HTTP edge maps each to a status (order-errors.filter.ts). */
export type OrderErrorCode =
  | 'unknown-merchant'
  | 'unknown-menu-item'
  | 'idempotency-key-reused'
  | 'order-not-found'
  | 'order-not-cancellable'
  | 'invalid-quote'
  | 'customer-mismatch';

export interface FieldError {
  field: string;
  message: string;
}

/** A broken order rule. Carries no HTTP status: that is the edge's business. */
export class OrderError extends Error {
  constructor(
    readonly code: OrderErrorCode,
    message: string,
    readonly errors?: FieldError[],
  ) {
    super(message);
    this.name = 'OrderError';
  }
}
