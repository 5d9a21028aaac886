import { isOwnDatabaseUnavailable } from '@dinner-rush/database';
import { PermanentMessageError } from './permanent-message-error';

/**
 * How a failed message is treated:
 * - `permanent`: can never succeed (not JSON, wrong schema, unknown type):
 *   straight to the dead-letter queue;
 * - `unavailable`: the service's own database is down: retried with backoff
 *   for as long as the outage lasts, because the message itself is fine (a
 *   webhook or another service that is down is `transient`: its retries are
 *   counted, so one unreachable merchant cannot keep a message forever);
 * - `transient`: anything else: retried with backoff a bounded number of times,
 *   then dead-lettered with the last error.
 */
export type FailureKind =
  | { kind: 'permanent'; reason: string }
  | { kind: 'unavailable'; reason: string }
  | { kind: 'transient'; reason: string };

export function classifyFailure(error: unknown): FailureKind {
  if (error instanceof PermanentMessageError) return { kind: 'permanent', reason: error.code };
  // golevelup parses the body before the handler runs; a SyntaxError means it is not JSON.
  if (error instanceof SyntaxError) return { kind: 'permanent', reason: 'not-json' };
  if (isOwnDatabaseUnavailable(error)) {
    return { kind: 'unavailable', reason: 'database-unavailable' };
  }
  return { kind: 'transient', reason: 'retries-exhausted' };
}
