export * from './config';
export * from './problem-details.filter';
export * from './zod-validation.pipe';
export * from './health.controller';
export * from './logging';
export * from './bootstrap';
export * from './health.module';
export * from './app-config.token';
