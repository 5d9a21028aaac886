export * from './database-url';
export * from './pg-connections';
export * from './migrations';
export type { PrismaSchemaFile } from './schema-engine';
export * from './ensure-database';
export * from './database-unavailable';
export * from './retention';
export * from './service-schemas';
