import type { z } from 'zod';
import { createEnvelope, type Envelope, type EnvelopeLineage } from '../envelope';
import type { EventData } from '../event-definition';
import { defineUpcaster } from '../upcaster';
import { OrderCreatedV1 } from './order-created.v1';
import { OrderCreatedV2 } from './order-created.v2';
import { DeliveryInstructions } from './shared-schemas';

/**
 * v1 data as a v2-aware reader takes it. A producer that publishes both
 * versions also puts the instructions into its v1 copy: v1 readers never see
 * them (their schema is a non-strict object, which drops keys it does not
 * name), and a v2-aware reader gets them from whichever copy it applies first.
 */
const OrderCreatedV1AsRead = OrderCreatedV1.schema.extend({
  deliveryInstructions: DeliveryInstructions.optional(),
});

/**
 * order.created.v1 → v2. The messageId stays: it names the fact, not its
 * representation. So the v2 copy a producer publishes beside a v1 (same id,
 * see orderCreatedPair) is a duplicate to a consumer that hears both, and a
 * v1 applied by a consumer's old version before its upgrade is a duplicate
 * when it is redelivered to the new one.
 */
export const OrderCreatedV1ToV2 = defineUpcaster(
  OrderCreatedV1,
  OrderCreatedV1AsRead,
  OrderCreatedV2,
  (v1) => ({
    ...v1,
    type: OrderCreatedV2.type,
    version: OrderCreatedV2.version,
    data: { ...v1.data, deliveryInstructions: v1.data.deliveryInstructions ?? null },
  }),
);

/**
 * What a producer publishes for one new order while v1 readers may still run:
 * the v1 copy, and its v2 twin, which is by construction the upcast of that
 * copy (same fact, same id, same content).
 */
export function orderCreatedPair(
  data: EventData<typeof OrderCreatedV2>,
  lineage: EnvelopeLineage,
  occurredAt?: Date,
): { v1: Envelope; v2: Envelope<EventData<typeof OrderCreatedV2>> } {
  const { deliveryInstructions, ...rest } = OrderCreatedV2.schema.parse(data);
  const v1Data: z.infer<typeof OrderCreatedV1AsRead> =
    deliveryInstructions === null ? rest : { ...rest, deliveryInstructions };
  const v1 = createEnvelope(
    OrderCreatedV1.type,
    OrderCreatedV1.version,
    v1Data,
    lineage,
    occurredAt,
  );
  return { v1, v2: OrderCreatedV1ToV2.upcast(v1) };
}
