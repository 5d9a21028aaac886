// Reading orders until done is audit logic shared with the load generator; it lives in libs/audit.
export { pollOrders, type PolledOrders } from '@dinner-rush/audit';
