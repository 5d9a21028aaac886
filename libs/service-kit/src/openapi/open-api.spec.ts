import { Body, Controller, Get, Module, Param, Post, Query } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { z } from 'zod';
import { ZodValidationPipe } from '../zod-validation.pipe';
import { setupOpenApi } from './open-api';
import { SERVICE_NAME } from './service-name.token';
import { ApiProblemResponse, ApiZodBody, ApiZodQuery, ApiZodResponse } from './zod-api.decorators';

const Query_ = z.strictObject({ merchantId: z.string().min(1), lat: z.coerce.number().max(90) });
const Body_ = z.strictObject({ name: z.string().max(10), tags: z.array(z.string()).optional() });
const View = z.object({ id: z.uuid(), at: z.iso.datetime(), note: z.string().nullable() });

/** A schema and its inferred type under one name: the compiler records the schema as the param's class. */
const ThingParams = z.object({ thingId: z.uuid() });
type ThingParams = z.infer<typeof ThingParams>;
const PageQuery = z.object({ limit: z.coerce.number().int().max(100).optional() });
type PageQuery = z.infer<typeof PageQuery>;

@Controller('things')
class ThingsController {
  @Get()
  @ApiZodQuery(Query_)
  @ApiZodResponse(200, View, 'the thing')
  find(@Query() _query: unknown) {
    return {};
  }

  @Get(':thingId/parts')
  parts(
    @Param(new ZodValidationPipe(ThingParams)) _params: ThingParams,
    @Query(new ZodValidationPipe(PageQuery)) _query: PageQuery,
  ) {
    return [];
  }

  @Post()
  @ApiZodBody(Body_)
  @ApiProblemResponse(400, 'invalid body')
  create(@Body() _body: unknown) {
    return {};
  }
}

@Module({
  controllers: [ThingsController],
  providers: [{ provide: SERVICE_NAME, useValue: 'thing-service' }],
})
class ThingsModule {}

describe('setupOpenApi (zod schemas → OpenAPI 3)', () => {
  let app: NestExpressApplication;
  let document: Record<string, unknown> & {
    info: { title: string };
    paths: Record<string, Record<string, Record<string, unknown>>>;
  };

  beforeAll(async () => {
    app = await NestFactory.create<NestExpressApplication>(ThingsModule, { logger: false });
    setupOpenApi(app);
    await app.init();
    const res = await request(app.getHttpServer()).get('/docs-json').expect(200);
    document = res.body as typeof document;
  });

  afterAll(async () => {
    await app?.close();
  });

  // Validation against the OpenAPI 3.0 schema: test/e2e/openapi.e2e-spec.ts, for every service.
  it('serves an OpenAPI 3.0 document titled after the service', () => {
    expect(document.openapi).toMatch(/^3\.0\./);
    expect(document.info.title).toBe('thing-service');
    expect(Object.keys(document.paths)).toEqual(['/things', '/things/{thingId}/parts']);
  });

  it('serves Swagger UI at /docs', async () => {
    const res = await request(app.getHttpServer()).get('/docs').redirects(1);
    expect(res.status).toBe(200);
    expect(res.text).toContain('swagger-ui');
  });

  it('documents query parameters, bodies and responses from the zod schemas', () => {
    const find = document.paths['/things']?.get as {
      parameters: { name: string; required: boolean; schema: { maximum?: number } }[];
      responses: Record<string, { content: Record<string, { schema: { required: string[] } }> }>;
    };
    expect(find.parameters.map((p) => [p.name, p.required])).toEqual([
      ['merchantId', true],
      ['lat', true],
    ]);
    expect(find.parameters[1]?.schema.maximum).toBe(90);
    expect(find.responses['200']?.content['application/json']?.schema.required).toEqual([
      'id',
      'at',
      'note',
    ]);
    const create = document.paths['/things']?.post as {
      requestBody: { content: Record<string, { schema: { properties: object } }> };
      responses: Record<string, { content: Record<string, unknown> }>;
    };
    expect(
      Object.keys(create.requestBody.content['application/json']?.schema.properties ?? {}),
    ).toEqual(['name', 'tags']);
    expect(Object.keys(create.responses['400']?.content ?? {})).toEqual([
      'application/problem+json',
    ]);
  });

  it('documents parameters typed by a zod schema of the same name from that schema', () => {
    const parts = document.paths['/things/{thingId}/parts']?.get as {
      parameters: { name: string; in: string; required: boolean; schema: { format?: string } }[];
    };
    expect(parts.parameters.map((p) => [p.in, p.name, p.required])).toEqual(
      expect.arrayContaining([
        ['path', 'thingId', true],
        ['query', 'limit', false],
      ]),
    );
    expect(parts.parameters.find((p) => p.name === 'thingId')?.schema.format).toBe('uuid');
  });
});
