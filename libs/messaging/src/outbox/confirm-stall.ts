/**
 * How long publishes may go unanswered (no confirm, no nack) before the
 * publishing channel is given up on and the connection is opened afresh.
 *
 * Why: on a RabbitMQ 3.10 cluster with one node frozen, a channel that starts
 * publishing to a quorum queue while that queue's leader is on the frozen node
 * (a channel opened after the freeze, e.g. by the reconnect that heartbeats
 * forced) sends its commands to that stale leader. The new leader tells only
 * the publishers it already knows (leader_change), so that channel waits for
 * confirms until the frozen node comes back, even after the others declared
 * it down. A fresh channel asks for the current leader again.
 */
export const CONFIRM_STALL_MS = 15_000;

/**
 * Decides when the relay's publishes have been unanswered for too long:
 * counted from the first unanswered publish after the last confirm, and again
 * from each forced reconnect (so a broker that stays silent is not hammered).
 */
export class ConfirmStall {
  private since?: number;

  constructor(private readonly stallMs: number = CONFIRM_STALL_MS) {}

  /** A confirm arrived: the channel works. */
  confirmed(): void {
    this.since = undefined;
  }

  /** Some publishes got no answer in time; true when it is time to reconnect. */
  unanswered(now: number): boolean {
    this.since ??= now;
    if (now - this.since < this.stallMs) return false;
    this.since = now;
    return true;
  }
}
