export * from './metrics.module';
export * from './http-metrics.middleware';
export * from './process-metrics';
