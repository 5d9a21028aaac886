/**
 * Test-only holds that widen a window a crash must land in, for the fault
 * suite and the batch crash test (otherwise each is microseconds wide):
 * - FAULT_HOLD_IN_TRANSACTION_MS: a batch's transaction waits that long just
 *   before COMMIT (a SIGKILL then lands mid-batch: nothing is applied);
 * - FAULT_HOLD_AFTER_COMMIT_MS: it waits that long after COMMIT, before the
 *   batch is acked (a SIGKILL then lands between commit and ack).
 * Unset, or 0, everywhere else: then they cost nothing.
 */
const inTransactionMs = Number(process.env.FAULT_HOLD_IN_TRANSACTION_MS ?? 0);
const afterCommitMs = Number(process.env.FAULT_HOLD_AFTER_COMMIT_MS ?? 0);

export async function holdInTransaction(): Promise<void> {
  if (inTransactionMs > 0) await new Promise((resolve) => setTimeout(resolve, inTransactionMs));
}

export async function holdAfterCommit(): Promise<void> {
  if (afterCommitMs > 0) await new Promise((resolve) => setTimeout(resolve, afterCommitMs));
}
