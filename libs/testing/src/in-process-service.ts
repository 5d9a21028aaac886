import type { DynamicModule } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig, startService } from '@dinner-rush/service-kit';
import request from 'supertest';
import type { z } from 'zod';
import { waitFor } from './wait-for';

/**
 * How to build one service: its env schema and its root module. Passed in
 * (not imported) because libs never reach into an app.
 */
export interface ServiceDefinition<TSchema extends z.ZodType> {
  envSchema: TSchema;
  module: (config: Readonly<z.infer<TSchema>>) => DynamicModule;
}

/**
 * Starts a service in this process exactly as its main.ts would (same config
 * validation, same bootstrap), on a random port and without signal handlers,
 * so a test file can run several and close them itself. Quiet unless
 * TEST_LOG_LEVEL asks otherwise; migrations are the test's job, not boot's.
 */
export function startInProcess<TSchema extends z.ZodType>(
  definition: ServiceDefinition<TSchema>,
  env: Record<string, string>,
): Promise<NestExpressApplication> {
  const config = loadConfig(definition.envSchema, {
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    MIGRATE_ON_START: 'false',
    DATABASE_POOL_SIZE: '6', // test files run side by side against one PostgreSQL
    ...env,
  });
  return startService({ module: definition.module(config), port: 0, shutdownHooks: false });
}

/** Resolves once GET /health answers 200, i.e. the database and the broker both answer. */
export async function untilHealthy(app: NestExpressApplication): Promise<void> {
  await waitFor(
    async () =>
      (await request(app.getHttpServer()).get('/health')).status === 200 ? true : undefined,
    { what: 'GET /health 200' },
  );
}
