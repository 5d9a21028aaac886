import {
  createTestDatabase,
  createTestVhost,
  freePort,
  getJson,
  ServiceProcess,
  type TestDatabase,
  type TestVhost,
} from '@dinner-rush/testing';
import { SERVICE_SCHEMAS, type ServiceName } from '../../tools/services';
import { openApiProblems } from './support/openapi-validation';

interface OpenApiDocument {
  openapi: string;
  info: { title: string };
  paths: Record<string, Record<string, unknown>>;
}

/** Routes each service must document (more may exist); every service has GET /health. */
const EXPECTED_ROUTES: Partial<Record<ServiceName, string[]>> = {
  'order-service': [
    'GET /merchants',
    'POST /orders',
    'GET /orders/{id}',
    'POST /orders/{id}/cancel',
    'GET /quote',
  ],
  'rider-assignment': ['GET /riders', 'GET /assignments/{orderId}', 'GET /waiting-line'],
  'merchant-notify': [
    'GET /merchants/{id}/notifications',
    'PUT /merchants/{id}/webhook',
    'DELETE /merchants/{id}/webhook',
  ],
  ledger: ['GET /ledger/orders/{orderId}', 'GET /ledger/trial-balance'],
};

const routesOf = (document: OpenApiDocument) =>
  Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
  );

/**
 * Each service, built and run as `npm start` runs it, serves Swagger UI at
 * /docs and a valid OpenAPI 3.0 document at /docs-json listing its routes.
 * One service at a time: the machine is small and the processes are independent.
 */
describe('OpenAPI at /docs-json, every service (processes from dist/)', () => {
  let db: TestDatabase;
  let vhost: TestVhost;

  beforeAll(async () => {
    db = await createTestDatabase('openapi');
    vhost = await createTestVhost('openapi');
  });

  afterAll(async () => {
    await vhost?.delete();
    await db?.drop();
  });

  describe.each(Object.entries(SERVICE_SCHEMAS) as [ServiceName, string][])(
    '%s',
    (name, schema) => {
      let service: ServiceProcess;
      let document: OpenApiDocument;

      beforeAll(async () => {
        service = new ServiceProcess(
          name,
          await freePort(),
          { DATABASE_URL: db.urlFor(schema), RABBITMQ_URL: vhost.url, LOG_LEVEL: 'warn' },
          `openapi-${name}`,
        );
        await service.start();
        const { status, body } = await getJson<OpenApiDocument>(`${service.baseUrl}/docs-json`);
        expect(status).toBe(200);
        document = body;
      }, 120_000);

      afterAll(async () => {
        await service?.stop();
      });

      it('is a valid OpenAPI 3.0 document titled after the service', () => {
        expect(openApiProblems(document)).toEqual([]);
        expect(document.openapi).toMatch(/^3\.0\./);
        expect(document.info.title).toBe(name);
      });

      it('lists its routes', () => {
        expect(routesOf(document)).toEqual(
          expect.arrayContaining(['GET /health', ...(EXPECTED_ROUTES[name] ?? [])]),
        );
      });

      it('serves Swagger UI at /docs', async () => {
        const response = await fetch(`${service.baseUrl}/docs`);
        expect(response.status).toBe(200);
        expect(await response.text()).toContain('swagger-ui');
      });
    },
  );

  it('a broken document is reported (the validation can fail)', () => {
    expect(openApiProblems({ openapi: '3.0.0', paths: {} })).not.toEqual([]);
  });
});
