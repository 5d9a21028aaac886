export * from './infra';
export * from './test-database';
export * from './test-vhost';
export * from './wait-for';
export * from './containers';
export * from './schema-catalog';
export * from './service-process';
