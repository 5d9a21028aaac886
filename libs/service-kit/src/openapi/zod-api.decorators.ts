import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiQuery, ApiResponse } from '@nestjs/swagger';
import type { z } from 'zod';
import { openApiSchema, type OpenApiSchema } from './zod-openapi-schema';

/**
 * Swagger decorators fed by the zod schemas the handlers validate with, for
 * handlers that take `unknown` and parse it themselves (so Nest's reflection
 * sees no DTO class to document).
 */
export function ApiZodBody(schema: z.ZodType, description?: string): MethodDecorator {
  return ApiBody({
    schema: openApiSchema(schema, 'input'),
    ...(description ? { description } : {}),
  });
}

/** One query parameter per property of a zod object schema. */
export function ApiZodQuery(schema: z.ZodObject): MethodDecorator {
  const json = openApiSchema(schema, 'input') as {
    properties?: Record<string, object>;
    required?: string[];
  };
  return applyDecorators(
    ...Object.entries(json.properties ?? {}).map(([name, property]) =>
      ApiQuery({ name, required: json.required?.includes(name) ?? false, schema: property }),
    ),
  );
}

export function ApiZodResponse(
  status: number,
  schema: z.ZodType,
  description: string,
): MethodDecorator & ClassDecorator {
  return ApiResponse({ status, description, schema: openApiSchema(schema, 'output') });
}

/** An error answer: RFC 9457 problem details, as ProblemDetailsFilter sends them. */
export function ApiProblemResponse(
  status: number,
  description: string,
): MethodDecorator & ClassDecorator {
  return ApiResponse({
    status,
    description,
    content: { 'application/problem+json': { schema: PROBLEM_SCHEMA } },
  });
}

const PROBLEM_SCHEMA: OpenApiSchema = {
  type: 'object',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    code: { type: 'string', description: 'stable machine-readable reason' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: { field: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
};
