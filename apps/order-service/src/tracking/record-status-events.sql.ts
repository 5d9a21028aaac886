/**
 * A batch of status events (already recorded in the inbox, in this
 * transaction) as timeline entries, in one statement: entries for orders
 * that exist, placed → delivered for a delivery. Answers the orders that
 * exist; an event about any other order is rejected by the caller.
 * $1: [{ message_id, order_id, type, at, details, delivered }]
 */
export const RECORD_STATUS_EVENTS_SQL = `
WITH input AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb)
    AS (message_id uuid, order_id uuid, type text, at timestamptz, details jsonb,
        delivered boolean)
), known AS (
  SELECT input.* FROM input JOIN orders ON orders.id = input.order_id
), entries AS (
  INSERT INTO order_timeline (message_id, order_id, type, at, details)
  SELECT message_id, order_id, type, at, details FROM known ORDER BY message_id
  ON CONFLICT DO NOTHING
), delivered AS (
  UPDATE orders SET status = 'delivered', delivered_at = first.at
    FROM (SELECT order_id, min(at) AS at FROM known WHERE delivered GROUP BY order_id) first
   WHERE orders.id = first.order_id AND orders.status = 'placed'
)
SELECT DISTINCT order_id::text FROM known`;
