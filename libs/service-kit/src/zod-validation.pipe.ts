import { Injectable, type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { ProblemException } from './problem-details.filter';

/** Validates a request part with a zod schema; failures become a 400 naming each field. */
@Injectable()
export class ZodValidationPipe<TSchema extends z.ZodType> implements PipeTransform {
  constructor(private readonly schema: TSchema) {}

  transform(value: unknown): z.infer<TSchema> {
    const result = this.schema.safeParse(value);
    if (result.success) return result.data;
    const errors = result.error.issues.map((issue) => ({
      field:
        issue.path.join('.') ||
        (issue.code === 'unrecognized_keys' ? issue.keys.join(',') : '(body)'),
      message: issue.message,
    }));
    throw new ProblemException({
      title: 'Invalid request',
      status: 400,
      code: 'validation-failed',
      detail: errors.map((e) => `${e.field}: ${e.message}`).join('; '),
      errors,
    });
  }
}
