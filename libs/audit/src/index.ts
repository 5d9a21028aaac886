export * from './http-json';
export * from './poll-orders';
export * from './order-views';
export * from './timeline-verdict';
export * from './ledger-verdict';
export * from './timeline-latency';
export * from './audit-pipeline';
export * from './incomplete-reasons';
