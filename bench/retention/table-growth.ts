import type { ServiceName } from '@dinner-rush/database';

/**
 * How each table of each service is meant to stay the size it is while orders flow:
 * - retained: rows are deleted once older than their retention window (by `column`);
 * - drained: rows leave as their work completes (an outbox row once confirmed,
 *   a webhook delivery once answered), so the table holds only what is in flight;
 * - record: the business record itself (orders, their timelines, journals,
 *   assignments), kept by design: it grows with the orders, and only an
 *   archival policy (a product decision) could bound it;
 * - fixed: reference data that traffic does not add to (merchants, riders).
 * Every table must be listed: the census refuses a table it cannot classify,
 * so a new table has to say how it is kept small.
 */
export type TableGrowth =
  | { kind: 'retained'; column: string }
  | { kind: 'drained' }
  | { kind: 'record' }
  | { kind: 'fixed' };

const retained = (column: string): TableGrowth => ({ kind: 'retained', column });
const drained: TableGrowth = { kind: 'drained' };
const record: TableGrowth = { kind: 'record' };
const fixed: TableGrowth = { kind: 'fixed' };

/** The tables every service has (libs/messaging's outbox and inbox, Prisma's migration log). */
const MESSAGING = { outbox: drained, inbox: retained('processed_at'), _prisma_migrations: fixed };

export const TABLE_GROWTH: Record<ServiceName, Record<string, TableGrowth>> = {
  'order-service': {
    ...MESSAGING,
    outbox_archive: retained('created_at'),
    idempotency_keys: retained('created_at'),
    orders: record,
    order_lines: record,
    order_timeline: record,
    merchants: fixed,
    menu_items: fixed,
  },
  'rider-assignment': { ...MESSAGING, assignments: record, riders: fixed },
  'merchant-notify': {
    ...MESSAGING,
    notifications: retained('created_at'),
    webhook_deliveries: drained,
    merchant_webhooks: fixed,
  },
  ledger: {
    ...MESSAGING,
    journals: record,
    journal_entries: record,
    pending_cancellations: drained,
    ledger_totals: fixed,
  },
  'customer-notify': {
    ...MESSAGING,
    notifications: retained('created_at'),
    customer_orders: retained('created_at'),
  },
};
