import {
  OUTBOX_INSERT_COLUMNS,
  outboxRowPlaceholders,
  outboxRowValues,
  type OutgoingMessage,
} from '@dinner-rush/messaging';
import type { OrderRecord } from './order-view';
import type { IdempotencyRecord } from './idempotency';

/**
 * Placing an order as one data-modifying CTE: every part commits or none does,
 * in a single round trip, and the text never varies (lines arrive as one JSON
 * array, the key is optional), so it is prepared once per connection.
 * Foreign keys are checked at the end of the statement, when the order row exists.
 */
export const PLACE_ORDER_SQL = `
WITH idempotency AS (
  INSERT INTO idempotency_keys (key, request_hash, order_id, status_code, response_body)
  SELECT $1::text, $2::text, $3::uuid, $4::int, $5::jsonb WHERE $1::text IS NOT NULL
), placed AS (
  INSERT INTO orders (id, customer_id, merchant_id, status, items_total_cents, delivery_fee_cents,
                      total_cents, currency, delivery_line1, delivery_lat, delivery_lng,
                      created_event_id, created_at)
  VALUES ($3::uuid, $6, $7, 'placed', $8, $9, $10, $11, $12, $13, $14, $15::uuid, $16)
), lines AS (
  INSERT INTO order_lines (order_id, line_no, menu_item_id, name, quantity, unit_price_cents,
                           line_total_cents)
  SELECT $3::uuid, l.line_no, l.menu_item_id, l.name, l.quantity, l.unit_price_cents,
         l.line_total_cents
    FROM jsonb_to_recordset($17::jsonb) AS l(line_no int, menu_item_id text, name text,
                                              quantity int, unit_price_cents int,
                                              line_total_cents int)
)
INSERT INTO outbox ${OUTBOX_INSERT_COLUMNS} VALUES ${outboxRowPlaceholders(18)}`;

export function placeOrderValues(
  order: OrderRecord,
  created: OutgoingMessage,
  idempotency?: IdempotencyRecord,
): unknown[] {
  return [
    idempotency?.key ?? null,
    idempotency?.requestHash ?? null,
    order.id,
    idempotency?.statusCode ?? null,
    idempotency ? JSON.stringify(idempotency.responseBody) : null,
    order.customerId,
    order.merchantId,
    order.itemsTotalCents,
    order.deliveryFeeCents,
    order.totalCents,
    order.currency,
    order.deliveryLine1,
    order.deliveryLat,
    order.deliveryLng,
    order.createdEventId,
    order.createdAt,
    JSON.stringify(
      order.lines.map((line) => ({
        line_no: line.lineNo,
        menu_item_id: line.menuItemId,
        name: line.name,
        quantity: line.quantity,
        unit_price_cents: line.unitPriceCents,
        line_total_cents: line.lineTotalCents,
      })),
    ),
    ...outboxRowValues(created),
  ];
}

/** A unique violation on the idempotency key: another request with this key committed first. */
export function isDuplicateIdempotencyKey(error: unknown): boolean {
  const e = error as { code?: unknown; constraint?: unknown } | null;
  return e?.code === '23505' && e.constraint === 'idempotency_keys_pkey';
}
