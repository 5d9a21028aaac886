export * from './run-command';
export * from './private-rabbitmq';
export * from './private-postgres';
export * from './broker-inspector';
export * from './pipeline-database';
export * from './recovery-clock';
export * from './order-load';
export * from './poison';
