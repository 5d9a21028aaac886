import { Logger, type INestApplication } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { SERVICE_NAME } from './service-name.token';
import { documentZodTypedParameters } from './zod-parameter-types';

/** Where every service serves its API description: UI at /docs, JSON at /docs-json. */
export const OPENAPI_PATH = 'docs';

/**
 * Swagger UI and the OpenAPI document for one service's HTTP API, built from
 * its controllers (routes) and the zod-fed decorators (schemas). Documentation
 * must never stop a service from starting: a failure is logged, not thrown.
 */
export function setupOpenApi(app: INestApplication): void {
  try {
    serveOpenApi(app);
  } catch (error) {
    new Logger('OpenApi').error(`no API description at /${OPENAPI_PATH}: ${String(error)}`);
  }
}

function serveOpenApi(app: INestApplication): void {
  documentZodTypedParameters(app);
  const title = serviceName(app);
  const config = new DocumentBuilder()
    .setTitle(title)
    .setDescription(
      `HTTP API of Dinner Rush ${title}. Errors are RFC 9457 application/problem+json. ` +
        'Messaging contracts: docs/asyncapi.json. Calls carry a bearer access token ' +
        '(npm run token); the catalogue, quotes and health need none (docs/auth.md).',
    )
    .setVersion(process.env.npm_package_version ?? '0.1.0')
    // Swagger UI's Authorize button: paste a token from `npm run token`.
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .addSecurityRequirements('bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup(OPENAPI_PATH, app, document, { jsonDocumentUrl: `${OPENAPI_PATH}-json` });
}

function serviceName(app: INestApplication): string {
  // Through ModuleRef: a miss on app.get() itself would abort the process (Nest's exception zone).
  try {
    return app.get(ModuleRef).get<string>(SERVICE_NAME, { strict: false });
  } catch {
    return 'service'; // an app built without ServiceModule
  }
}
