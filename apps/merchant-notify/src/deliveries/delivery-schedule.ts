import { backoffDelay } from '@dinner-rush/service-kit';

export interface RetryPolicy {
  /** Tries per notification, the first included (WEBHOOK_ATTEMPTS). */
  attempts: number;
  /** Pause before the second try, doubled before each further one (WEBHOOK_BACKOFF_MS). */
  backoffMs: number;
}

/** What follows a failed try: another after a pause, or the end (failed for good). */
export type AfterFailure = { retryInMs: number } | 'give-up';

/** After failed try number `attempts` (1 = the first): its message's retry budget, spent. */
export function afterFailedTry(attempts: number, policy: RetryPolicy): AfterFailure {
  return attempts >= policy.attempts
    ? 'give-up'
    : { retryInMs: backoffDelay(attempts, policy.backoffMs) };
}
