import { OrderCreatedV1, OrderCreatedV2 } from '@dinner-rush/contracts';

/**
 * How a new order is announced: order.created.v1 and its v2 twin while any
 * v1-only consumer may still run, or v2 alone once ORDER_CREATED_V1 is off
 * (docs/event-versioning.md, "Retiring v1"). The twins share one id.
 */
export class OrderCreatedVersions {
  constructor(readonly publishV1: boolean) {}

  /**
   * Routing keys the relay may find no queue for: the v2 twin while the v1
   * copy delivers the order (nobody binds v2 before some consumer reads it).
   * With v1 retired, v2 is the only copy, and an unroutable one is a failure.
   */
  get mayFindNoQueue(): readonly string[] {
    return this.publishV1 ? [OrderCreatedV2.type] : [];
  }

  /**
   * Left out of a replay that names no types, so that each order is created
   * once: the v2 twin while v1 is published (a v1-only consumer would
   * dead-letter it), the v1 copy once v1 is retired (every consumer reads v2
   * by then, and v2 alone announces the orders placed since).
   */
  get repeatedInArchive(): readonly string[] {
    return this.publishV1 ? [OrderCreatedV2.type] : [OrderCreatedV1.type];
  }
}
