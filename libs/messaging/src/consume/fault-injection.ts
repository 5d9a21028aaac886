/**
 * Test-only: `FAULT_HOLD_AFTER_COMMIT_MS` makes every inbox transaction wait
 * that long after its commit, before the handler returns and the message is
 * acked. The fault suite sets it on one consumer so that a SIGKILL lands in
 * the window between commit and ack for certain (otherwise it is a few
 * microseconds wide). Unset, or 0, everywhere else: then it costs nothing.
 */
const holdMs = Number(process.env.FAULT_HOLD_AFTER_COMMIT_MS ?? 0);

export async function holdAfterCommit(): Promise<void> {
  if (holdMs > 0) await new Promise((resolve) => setTimeout(resolve, holdMs));
}
