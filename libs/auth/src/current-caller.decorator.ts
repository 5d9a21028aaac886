import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest } from './auth.guard';

/**
 * The caller AuthGuard verified: `{ sub, roles }`. Undefined only on a
 * @Public() route called without a (valid) token.
 */
export const CurrentCaller = createParamDecorator(
  (_data: unknown, context: ExecutionContext) =>
    context.switchToHttp().getRequest<AuthenticatedRequest>().caller,
);
