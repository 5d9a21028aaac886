// Figures about a running pipeline, read from outside it, for the dashboard,
// the load generator, the benches and the tools: the broker (the one
// management API client; queue depth and rates over the management API or
// AMQP; which queues are the consumers'), the services' Prometheus text, and
// latency percentiles. No Nest, no service wiring: only readers.
export * from './broker/management-api';
export * from './broker/queue-reading';
export * from './broker/amqp-queue-state';
export * from './broker/amqp-queue-reader';
export * from './broker/consumer-queues';
export * from './broker/management-queues';
export * from './broker/broker-queues';
export * from './metrics/prometheus-text';
export * from './latency/percentiles';
