/**
 * The services with a database of their own, and the PostgreSQL schema each
 * owns. Here, below tools and the test harness, so both read one map
 * (`npm run new:consumer` adds the new service's line).
 */
export const SERVICE_SCHEMAS = {
  'order-service': 'orders',
  'rider-assignment': 'rider_assignment',
  'merchant-notify': 'merchant_notify',
  ledger: 'ledger',
  'customer-notify': 'customer_notify',
} as const;

export type ServiceName = keyof typeof SERVICE_SCHEMAS;
