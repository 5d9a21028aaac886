/**
 * $1 message id, $2 order id, $3 event type, $4 occurredAt, $5 details, $6 is a delivery.
 * The inbox insert is guarded by the order's existence and everything after it
 * by the inbox insert, so a redelivery (a conflict, possibly after waiting for
 * a concurrent twin to commit) changes nothing.
 */
export const RECORD_STATUS_EVENT_SQL = `
WITH target AS (
  SELECT id FROM orders WHERE id = $2::uuid
), inboxed AS (
  INSERT INTO inbox (message_id, type)
  SELECT $1::uuid, $3::text FROM target
  ON CONFLICT DO NOTHING
  RETURNING message_id
), entry AS (
  INSERT INTO order_timeline (message_id, order_id, type, at, details)
  SELECT message_id, $2::uuid, $3::text, $4::timestamptz, $5::jsonb FROM inboxed
), delivered AS (
  UPDATE orders SET status = 'delivered', delivered_at = $4::timestamptz
   WHERE id = $2::uuid AND status = 'placed' AND $6::boolean
     AND EXISTS (SELECT 1 FROM inboxed)
)
SELECT EXISTS (SELECT 1 FROM target) AS order_exists,
       EXISTS (SELECT 1 FROM inboxed) AS applied`;
