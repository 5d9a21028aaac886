import { storableText } from '@dinner-rush/contracts';
import { z } from 'zod';

// Schema and type are named apart: a value named like the body type would become its runtime
// design type (SWC decorator metadata), which OpenAPI generation would read as a class.

/** POST /replays: which consumer queue gets history, from when, and of which event types. */
export const ReplayRequestSchema = z.strictObject({
  /** The consumer's work queue, e.g. customer-notify.orders (see Queues in libs/contracts). */
  queue: z
    .string()
    .regex(/^[a-z][a-z0-9-]*\.[a-z0-9.-]+$/, 'queue must be a consumer queue like "ledger.orders"')
    .refine(
      (queue) => !queue.startsWith('order-service.'),
      'order-service does not replay to itself',
    ),
  /** Only events that happened at or after this instant; all history when absent. */
  since: z.iso.datetime({ offset: true }).optional(),
  /**
   * Only these event types (e.g. order.created.v2); when absent, every order event once: v1, not
   * its v2 twin, or v2 once ORDER_CREATED_V1 is off.
   */
  types: z.array(storableText().min(1).max(100)).min(1).max(20).optional(),
});
export type ReplayRequest = z.infer<typeof ReplayRequestSchema>;

export interface ReplayResult {
  queue: string;
  /** Events published to the queue, each confirmed by the broker. */
  replayed: number;
  since: string | null;
}
