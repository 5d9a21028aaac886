import type { INestApplication, Type } from '@nestjs/common';
import { PARAMTYPES_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { ApiBody, ApiParam, ApiQuery } from '@nestjs/swagger';
import { z } from 'zod';
import { openApiSchema } from './zod-openapi-schema';

/** Nest's RouteParamtypes for @Body, @Query and @Param. */
const BODY = 3;
const QUERY = 4;
const PARAM = 5;

interface RouteArgument {
  index: number;
  data?: string;
}

const isZodSchema = (value: unknown): value is z.ZodType => value instanceof z.ZodType;

/**
 * Controllers that type a parameter with a zod schema's inferred type of the
 * same name (`@Query(pipe) query: ListNotificationsQuery`) make the compiler
 * record the schema object as the parameter's "class", which @nestjs/swagger
 * cannot read (it crashes on it). This documents each such parameter from its
 * schema instead (body, query or path parameters) and records it as Object.
 */
export function documentZodTypedParameters(app: INestApplication): void {
  for (const module of app.get(ModulesContainer).values()) {
    for (const { metatype } of module.controllers.values()) {
      if (metatype) documentController(metatype as Type);
    }
  }
}

function documentController(controller: Type): void {
  const prototype = controller.prototype as Record<string, unknown>;
  for (const method of Object.getOwnPropertyNames(prototype)) {
    const types = Reflect.getMetadata(PARAMTYPES_METADATA, prototype, method) as
      unknown[] | undefined;
    if (!types?.some(isZodSchema)) continue;
    const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<
      string,
      RouteArgument
    >;
    const descriptor = Object.getOwnPropertyDescriptor(prototype, method);
    for (const [key, argument] of Object.entries(args)) {
      const schema = types[argument.index];
      if (!isZodSchema(schema) || !descriptor) continue;
      const decorator = decoratorFor(Number(key.split(':')[0]), schema, argument.data);
      decorator?.(prototype, method, descriptor);
    }
    const plain = types.map((type) => (isZodSchema(type) ? Object : type));
    Reflect.defineMetadata(PARAMTYPES_METADATA, plain, prototype, method);
  }
}

function decoratorFor(
  paramtype: number,
  schema: z.ZodType,
  name: string | undefined,
): MethodDecorator | undefined {
  const json = openApiSchema(schema, 'input') as {
    properties?: Record<string, object>;
    required?: string[];
  };
  if (paramtype === BODY) return ApiBody({ schema: json });
  if (paramtype !== QUERY && paramtype !== PARAM) return undefined;
  const parameters = name
    ? [[name, json, true] as const]
    : Object.entries(json.properties ?? {}).map(
        ([property, propertySchema]) =>
          [property, propertySchema, json.required?.includes(property) ?? false] as const,
      );
  const decorators = parameters.map(([parameter, propertySchema, required]) =>
    paramtype === QUERY
      ? ApiQuery({ name: parameter, required, schema: propertySchema })
      : ApiParam({ name: parameter, required: true, schema: propertySchema }),
  );
  return (target, key, descriptor) => {
    for (const decorator of decorators) decorator(target, key, descriptor);
  };
}
