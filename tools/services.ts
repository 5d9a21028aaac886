/** The services with a database of their own, and the PostgreSQL schema each owns. */
export const SERVICE_SCHEMAS = {
  'order-service': 'orders',
  'rider-assignment': 'rider_assignment',
  'merchant-notify': 'merchant_notify',
  ledger: 'ledger',
  'customer-notify': 'customer_notify',
} as const;

export type ServiceName = keyof typeof SERVICE_SCHEMAS;

export function assertService(name: string | undefined): ServiceName {
  if (name && name in SERVICE_SCHEMAS) return name as ServiceName;
  throw new Error(
    `unknown service "${name ?? ''}"; one of: ${Object.keys(SERVICE_SCHEMAS).join(', ')}`,
  );
}
