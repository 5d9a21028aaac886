import { Injectable, Logger } from '@nestjs/common';
import type { SpikeView } from '../snapshot/snapshot';
import { OrderPlacer } from './order-placer';

/** Requests in flight at once: a crowd of customers, not an unbounded flood of sockets. */
const MAX_CONCURRENT = 32;

/**
 * Fires a spike server-side: `orders` orders spread evenly over `seconds`
 * (one spike at a time), so the page shows intake staying fast while the
 * queues take the peak.
 */
@Injectable()
export class SpikeRunner {
  private readonly logger = new Logger(SpikeRunner.name);
  private state: SpikeView = { running: false, planned: 0, sent: 0, accepted: 0, failed: 0 };
  /** Orders being placed; each leaves the set as it settles, so a race over it always waits. */
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly placer: OrderPlacer) {}

  progress(): SpikeView {
    return { ...this.state };
  }

  /** False when a spike is already running. */
  start(orders: number, seconds: number): boolean {
    if (this.state.running) return false;
    this.state = { running: true, planned: orders, sent: 0, accepted: 0, failed: 0 };
    void this.run(orders, (seconds * 1000) / orders);
    return true;
  }

  private async run(orders: number, gapMs: number): Promise<void> {
    const started = Date.now();
    for (let n = 0; n < orders; n += 1) {
      const due = started + n * gapMs;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      // Only unsettled orders are in the set: racing settled ones would resolve at once and spin.
      while (this.inFlight.size >= MAX_CONCURRENT) await Promise.race(this.inFlight);
      const placing: Promise<void> = this.placeOne().finally(() => this.inFlight.delete(placing));
      this.inFlight.add(placing);
    }
    await Promise.all(this.inFlight);
    this.state.running = false;
    this.logger.log(`spike done: ${this.state.accepted}/${orders} accepted`);
  }

  /** Never rejects: a refused or failed order is counted, not thrown. */
  private async placeOne(): Promise<void> {
    this.state.sent += 1;
    try {
      await this.placer.placeOne();
      this.state.accepted += 1;
    } catch {
      this.state.failed += 1;
    }
  }
}
