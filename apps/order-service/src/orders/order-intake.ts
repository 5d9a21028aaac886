import { Injectable } from '@nestjs/common';
import { isDatabaseUnavailable } from '@dinner-rush/database';
import { Batcher, type Batched } from '@dinner-rush/messaging';
import { OrdersRepository } from './orders.repository';
import type { OrderToPlace } from './place-order.sql';

/** How a placement ended: placed, or its Idempotency-Key was already taken (answer from the key). */
export type PlacementOutcome = 'placed' | 'key-taken';

/** One POST /orders waiting for the statement that places its group. */
class PendingPlacement implements Batched {
  readonly settled: Promise<PlacementOutcome>;
  outcome: PlacementOutcome = 'placed';
  private resolve!: (outcome: PlacementOutcome) => void;
  private fail!: (error: unknown) => void;
  readonly rejected = false;

  constructor(readonly value: OrderToPlace) {
    this.settled = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.fail = reject;
    });
  }

  reset(): void {
    this.outcome = 'placed';
  }

  complete(): void {
    this.resolve(this.outcome);
  }

  failWith(error: unknown): void {
    this.fail(error);
  }
}

/**
 * Group commit for intake: orders that arrive while earlier ones are being
 * written go together in one statement and one commit (a burst of 32 costs
 * the database about what a handful did one by one). An order that arrives
 * when a slot is free goes at once, so a quiet system adds no latency. One
 * order that cannot be written fails alone; a database outage fails them all.
 */
@Injectable()
export class OrderIntake {
  private readonly batcher: Batcher<PendingPlacement>;

  constructor(private readonly repository: OrdersRepository) {
    this.batcher = new Batcher<PendingPlacement>(
      // Four groups in flight at most, of the connections DATABASE_POOL_SIZE (10) allows.
      { size: 64, lingerMs: 0, maxInFlight: 4 },
      async (group) => {
        const placed = await this.repository.placeOrders(group.map((p) => p.value));
        for (const placement of group) {
          placement.outcome = placed.has(placement.value.order.id) ? 'placed' : 'key-taken';
        }
      },
      isDatabaseUnavailable,
    );
  }

  place(order: OrderToPlace): Promise<PlacementOutcome> {
    const placement = new PendingPlacement(order);
    this.batcher.add(placement);
    return placement.settled;
  }
}
