import type { ApiResponseSchemaHost } from '@nestjs/swagger';
import { z } from 'zod';

/** An OpenAPI 3.0 schema object, as @nestjs/swagger's decorators take it. */
export type OpenApiSchema = ApiResponseSchemaHost['schema'];

/**
 * An OpenAPI 3.0 schema from a zod schema: the DTOs are zod, so the documented
 * shape is the validated shape, never a hand-copied class. Requests are
 * documented as accepted (input), responses as sent (output).
 */
export function openApiSchema(schema: z.ZodType, io: 'input' | 'output'): OpenApiSchema {
  return z.toJSONSchema(schema, {
    target: 'openapi-3.0',
    io,
    unrepresentable: 'any',
  }) as OpenApiSchema;
}
