import { defineEvent } from '../event-definition';
import { Exchanges } from '../topology';
import { OrderCreatedV1 } from './order-created.v1';
import { DeliveryInstructions } from './shared-schemas';

/**
 * order.created.v1 plus the customer's delivery instructions, a key every
 * v2 event carries (null when the customer wrote none), so a v2 reader never
 * has to guess whether the producer knew about them. Published beside v1
 * (same fact, see docs/event-versioning.md); v2-aware consumers read v1 too,
 * through upcastOrderCreatedV1.
 */
export const OrderCreatedV2 = defineEvent(
  'order.created',
  2,
  Exchanges.orders,
  OrderCreatedV1.schema.extend({ deliveryInstructions: DeliveryInstructions.nullable() }),
);
