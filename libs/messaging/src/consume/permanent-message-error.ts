/**
 * A message that can never succeed, however often it is retried (not JSON,
 * wrong schema, unknown type, unknown order). The failure policy sends it
 * straight to the dead-letter queue with `code` as the reason; every other
 * error counts as transient and is retried within the queue's delivery limit.
 */
export class PermanentMessageError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'PermanentMessageError';
  }
}
