import { randomUUID } from 'node:crypto';
import { z } from 'zod';

/**
 * The standard envelope every message carries. `data` is validated separately
 * against the schema registered for `type`, so an unknown type can still be
 * routed to a dead-letter queue with a precise reason.
 */
export const EnvelopeSchema = z.strictObject({
  messageId: z.uuid(),
  type: z
    .string()
    .regex(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+\.v\d+$/, 'type must look like "order.created.v1"'),
  version: z.number().int().positive(),
  occurredAt: z.iso.datetime({ offset: true }),
  correlationId: z.uuid(),
  causationId: z.uuid().nullable(),
  data: z.unknown(),
});

export type Envelope<TData = unknown> = Omit<z.infer<typeof EnvelopeSchema>, 'data'> & {
  data: TData;
};

export interface EnvelopeLineage {
  /** The id that ties every message caused by one order together (the order id). */
  correlationId: string;
  /** The messageId of the message that caused this one; null for the first. */
  causationId: string | null;
}

export function createEnvelope<TData>(
  type: string,
  version: number,
  data: TData,
  lineage: EnvelopeLineage,
  occurredAt: Date = new Date(),
): Envelope<TData> {
  return {
    messageId: randomUUID(),
    type,
    version,
    occurredAt: occurredAt.toISOString(),
    correlationId: lineage.correlationId,
    causationId: lineage.causationId,
    data,
  };
}

/** Lineage for a message caused by `cause`: same correlation, caused by its id. */
export function causedBy(cause: Pick<Envelope, 'messageId' | 'correlationId'>): EnvelopeLineage {
  return { correlationId: cause.correlationId, causationId: cause.messageId };
}
