/**
 * Rider-assignment's waiting line as GET /waiting-line answers it: in a rush
 * the fleet, not the queues, is the bottleneck, and this is where it shows.
 */
export interface WaitingLineView {
  /** Orders that found no free rider and wait, first come first served. */
  waiting: number;
  /** When the order at the head of the line arrived; null when nobody waits. */
  oldestRequestedAt: string | null;
  riders: { available: number; busy: number };
}
