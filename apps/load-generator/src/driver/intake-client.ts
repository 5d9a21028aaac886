import type { PlannedOrder } from '../orders/order-mix';
import type { OrderSender } from './order-sender';
import type { RequestRecord } from './request-record';

/**
 * Sends planned orders and keeps a record of each answer. A share of keyed
 * orders is sent a second time with the same Idempotency-Key, as a client whose
 * first answer got lost would: it must get the same order back.
 */
export class IntakeClient {
  readonly records: RequestRecord[] = [];
  /** Requests sent and not yet answered, with when each was due. */
  readonly inFlight = new Map<number, { phase: string; dueMs: number }>();
  private nextTicket = 0;

  constructor(
    private readonly sender: OrderSender,
    private readonly clock: () => number,
    private readonly duplicateShare: number,
    private readonly random: () => number,
  ) {}

  async send(planned: PlannedOrder, phase: string, dueMs: number): Promise<void> {
    const first = await this.track(planned, phase, dueMs);
    if (!planned.idempotencyKey || !first.order || this.random() >= this.duplicateShare) return;
    await this.track(planned, phase, this.clock(), first.order.id);
  }

  private async track(
    planned: PlannedOrder,
    phase: string,
    dueMs: number,
    replayOf?: string,
  ): Promise<RequestRecord> {
    const ticket = this.nextTicket++;
    this.inFlight.set(ticket, { phase, dueMs });
    const { outcome, order } = await this.sender.send(planned);
    this.inFlight.delete(ticket);
    const record: RequestRecord = {
      phase,
      dueMs,
      latencyMs: this.clock() - dueMs,
      outcome,
      invalid: planned.invalid,
      ...(order ? { order } : {}),
      ...(replayOf ? { replayOf } : {}),
    };
    this.records.push(record);
    return record;
  }
}
