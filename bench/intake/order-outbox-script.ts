import { Exchanges, OrderCreatedV1 } from '@dinner-rush/contracts';
import { sampleOrderCreated } from '../shared/sample-order-event';

/**
 * A pgbench script with the shape of POST /orders' writes (tables and columns
 * from prisma/order-service): one order row and one outbox row carrying an
 * order.created.v1 envelope of realistic size, in one transaction. Fresh ids
 * per transaction, so every insert lands in the indexes as the service's do.
 */
export function orderOutboxScript(): string {
  const payload = JSON.stringify(sampleOrderCreated()).replace(/'/g, "''");
  return `\\set merchant random(1, 40)
\\set items random(500, 9000)
BEGIN;
INSERT INTO orders (id, customer_id, merchant_id, status, items_total_cents, delivery_fee_cents,
  total_cents, currency, delivery_line1, delivery_lat, delivery_lng, created_event_id, created_at)
VALUES (gen_random_uuid(), 'customer-' || :client_id, 'm-bench-' || :merchant, 'placed', :items, 299,
  :items + 299, 'EUR', '12 Teststraße', 52.5, 13.4, gen_random_uuid(), now());
INSERT INTO outbox (message_id, aggregate_id, exchange, routing_key, payload)
VALUES (gen_random_uuid(), gen_random_uuid()::text, '${Exchanges.orders}', '${OrderCreatedV1.type}',
  '${payload}'::jsonb);
END;
`;
}
