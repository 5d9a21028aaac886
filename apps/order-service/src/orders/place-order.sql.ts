import {
  OUTBOX_INSERT_COLUMNS,
  outboxLease,
  outboxRowsJson,
  type PreparedOutboxRow,
} from '@dinner-rush/messaging';
import type { IdempotencyRecord } from './idempotency';
import type { OrderRecord } from './order-view';

/** One order to place, as the intake statement reads it. */
export interface OrderToPlace {
  order: OrderRecord;
  /** The events announcing it (order.created.v1 and its v2 twin), published in this order. */
  created: readonly PreparedOutboxRow[];
  idempotency?: IdempotencyRecord;
}

/**
 * Placing a group of orders as one data-modifying CTE: one round trip, one
 * commit for all of them, and a text that never varies (the orders arrive as
 * one JSON array), so it is prepared once per connection. An order whose
 * Idempotency-Key is taken (by an earlier request, or by one in this very
 * group) is not placed; the caller answers it from the key's first answer.
 * A key held by an uncommitted request makes the statement wait for it.
 * Foreign keys are checked at the end of the statement, when the orders exist.
 * Each outbox row is claimed by this process at insert (a new order has
 * nothing ahead of it), so the relay publishes it right after commit.
 * Answers the outbox rows written, with the order each announces.
 */
export const PLACE_ORDERS_SQL = `
WITH input AS (
  SELECT * FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (
      id uuid, idempotency_key text, request_hash text, status_code int, response_body jsonb,
      customer_id text, merchant_id text, items_total_cents int, delivery_fee_cents int,
      total_cents int, currency text, delivery_line1 text, delivery_lat float8,
      delivery_lng float8, delivery_instructions text, created_event_id uuid,
      created_at timestamptz, lines jsonb, events jsonb))
    WITH ORDINALITY AS i(id, idempotency_key, request_hash, status_code, response_body,
      customer_id, merchant_id, items_total_cents, delivery_fee_cents, total_cents, currency,
      delivery_line1, delivery_lat, delivery_lng, delivery_instructions, created_event_id,
      created_at, lines, events, n)
), keys AS (
  INSERT INTO idempotency_keys (key, request_hash, order_id, status_code, response_body)
  SELECT idempotency_key, request_hash, id, status_code, response_body FROM input
   WHERE idempotency_key IS NOT NULL ORDER BY idempotency_key, n
  ON CONFLICT (key) DO NOTHING
  RETURNING order_id
), accepted AS (
  SELECT * FROM input WHERE idempotency_key IS NULL OR id IN (SELECT order_id FROM keys)
), placed AS (
  INSERT INTO orders (id, customer_id, merchant_id, status, items_total_cents, delivery_fee_cents,
                      total_cents, currency, delivery_line1, delivery_lat, delivery_lng,
                      delivery_instructions, created_event_id, created_at)
  SELECT id, customer_id, merchant_id, 'placed', items_total_cents, delivery_fee_cents,
         total_cents, currency, delivery_line1, delivery_lat, delivery_lng,
         delivery_instructions, created_event_id, created_at
    FROM accepted ORDER BY n
), lines AS (
  INSERT INTO order_lines (order_id, line_no, menu_item_id, name, quantity, unit_price_cents,
                           line_total_cents)
  SELECT a.id, l.line_no, l.menu_item_id, l.name, l.quantity, l.unit_price_cents,
         l.line_total_cents
    FROM accepted a,
         jsonb_to_recordset(a.lines) AS l(line_no int, menu_item_id text, name text,
                                           quantity int, unit_price_cents int,
                                           line_total_cents int)
   ORDER BY a.n, l.line_no
)
INSERT INTO outbox ${OUTBOX_INSERT_COLUMNS}
SELECT e.message_id, a.id::text, e.exchange, e.routing_key, e.payload, ${outboxLease()},
       e.trace_context
  FROM accepted a,
       ROWS FROM (jsonb_to_recordset(a.events) AS (message_id uuid, exchange text,
                  routing_key text, payload jsonb, trace_context jsonb))
         WITH ORDINALITY AS e(message_id, exchange, routing_key, payload, trace_context, k)
 ORDER BY a.n, e.k
RETURNING id::text, message_id::text, routing_key`;

/** The JSON array PLACE_ORDERS_SQL reads, built around each event's own text. */
export function ordersJson(orders: readonly OrderToPlace[]): string {
  const items = orders.map(({ order, created, idempotency }) => {
    const fields = JSON.stringify({
      id: order.id,
      idempotency_key: idempotency?.key ?? null,
      request_hash: idempotency?.requestHash ?? null,
      status_code: idempotency?.statusCode ?? null,
      response_body: idempotency?.responseBody ?? null,
      customer_id: order.customerId,
      merchant_id: order.merchantId,
      items_total_cents: order.itemsTotalCents,
      delivery_fee_cents: order.deliveryFeeCents,
      total_cents: order.totalCents,
      currency: order.currency,
      delivery_line1: order.deliveryLine1,
      delivery_lat: order.deliveryLat,
      delivery_lng: order.deliveryLng,
      delivery_instructions: order.deliveryInstructions,
      created_event_id: order.createdEventId,
      created_at: order.createdAt,
      lines: order.lines.map((line) => ({
        line_no: line.lineNo,
        menu_item_id: line.menuItemId,
        name: line.name,
        quantity: line.quantity,
        unit_price_cents: line.unitPriceCents,
        line_total_cents: line.lineTotalCents,
      })),
    });
    // The events' JSON text is spliced in as it is, so it is serialised once (and stored as sent).
    return `${fields.slice(0, -1)},"events":${outboxRowsJson(created)}}`;
  });
  return `[${items.join(',')}]`;
}
