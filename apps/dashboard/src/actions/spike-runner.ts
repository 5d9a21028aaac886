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
  private inFlight = 0;

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
    const pending: Promise<void>[] = [];
    for (let n = 0; n < orders; n += 1) {
      const due = started + n * gapMs;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      while (this.inFlight >= MAX_CONCURRENT) await Promise.race(pending);
      pending.push(this.placeOne());
    }
    await Promise.allSettled(pending);
    this.state.running = false;
    this.logger.log(`spike done: ${this.state.accepted}/${orders} accepted`);
  }

  private async placeOne(): Promise<void> {
    this.inFlight += 1;
    this.state.sent += 1;
    try {
      await this.placer.placeOne();
      this.state.accepted += 1;
    } catch {
      this.state.failed += 1;
    } finally {
      this.inFlight -= 1;
    }
  }
}
