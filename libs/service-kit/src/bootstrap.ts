import type { DynamicModule, Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { setupOpenApi } from './openapi/open-api';
import { bodyParserProblems, ProblemDetailsFilter } from './problem-details.filter';

export interface ServiceBoot {
  module: Type | DynamicModule;
  port: number;
  /** Largest JSON body accepted; larger answers 413. */
  bodyLimit?: string;
  /** Runs before the application is created (migrations). */
  beforeStart?: () => Promise<void>;
  /** Off in in-process tests, which close the app themselves. */
  shutdownHooks?: boolean;
}

/** Creates, wires and starts one service; SIGTERM/SIGINT close it gracefully. */
export async function startService(boot: ServiceBoot): Promise<NestExpressApplication> {
  await boot.beforeStart?.();
  const app = await NestFactory.create<NestExpressApplication>(boot.module, {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.useBodyParser('json', { limit: boot.bodyLimit ?? '64kb' });
  app.use(bodyParserProblems);
  app.useGlobalFilters(new ProblemDetailsFilter());
  // Swagger UI at /docs, the OpenAPI document at /docs-json.
  setupOpenApi(app);
  if (boot.shutdownHooks !== false) app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  await app.listen(boot.port, '0.0.0.0');
  return app;
}

/** Entry-point wrapper: a failed start is logged and exits non-zero so a supervisor restarts it. */
export function runMain(main: () => Promise<unknown>): void {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
