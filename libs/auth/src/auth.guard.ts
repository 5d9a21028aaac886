import {
  HttpException,
  Injectable,
  Logger,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { AccessTokenVerifier, InvalidAccessToken } from './access-token-verifier';
import { PUBLIC_ROUTE, ROUTE_OWNER, ROUTE_ROLES, type RouteOwner } from './access-rules';
import { mayActFor, type Caller, type Role } from './roles';

/** The request once the guard has named its caller (undefined: anonymous, on a public route). */
export type AuthenticatedRequest = Request & { caller?: Caller };

/**
 * Every HTTP route of every service passes here (ServiceModule registers it
 * globally). Secure by default: a route without @Public(), @Roles() or
 * @OwnerOrOperator() is refused, so a new route is closed until someone
 * decides who may call it.
 *
 * Someone else's resource answers 404, not 403: to a customer, another
 * customer's order (or a merchant's, another merchant's notifications) is a
 * resource that does not exist for them, and a 403 would confirm that an id
 * is in use. 403 stays for "your role may not do this at all".
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: AccessTokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // Message handlers run in Nest's external context too; only HTTP has callers.
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = bearerToken(request);
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) {
      request.caller = token ? await this.verifier.verify(token).catch(() => undefined) : undefined;
      return true;
    }
    const response = context.switchToHttp().getResponse<Response>();
    if (!token) throw unauthenticated(response, 'a bearer access token is required');
    request.caller = await this.verify(token, response);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROUTE_ROLES, targets);
    if (!roles) {
      this.logger.error(`${request.method} ${request.path} has no access rule: refused`);
      throw problem(403, 'Forbidden', 'no-access-rule', 'this route has no access rule');
    }
    if (!roles.some((role) => request.caller?.roles.includes(role))) {
      throw problem(403, 'Forbidden', 'wrong-role', `this route needs one of: ${roles.join(', ')}`);
    }
    const owner = this.reflector.getAllAndOverride<RouteOwner | undefined>(ROUTE_OWNER, targets);
    if (owner && !mayActFor(request.caller, owner.role, String(request.params[owner.param]))) {
      throw notYours();
    }
    return true;
  }

  private async verify(token: string, response: Response): Promise<Caller> {
    try {
      return await this.verifier.verify(token);
    } catch (error) {
      if (error instanceof InvalidAccessToken) throw unauthenticated(response, error.message);
      this.logger.warn(`cannot check access tokens: ${String(error)}`);
      throw problem(
        503,
        'Service Unavailable',
        'issuer-unavailable',
        'the token issuer cannot be reached',
      );
    }
  }
}

function bearerToken(request: Request): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  return match?.[1];
}

function problem(status: number, title: string, code: string, detail: string): HttpException {
  return new HttpException({ type: 'about:blank', title, status, code, detail }, status);
}

function unauthenticated(response: Response, detail: string): HttpException {
  response.setHeader('WWW-Authenticate', 'Bearer realm="dinner-rush"');
  return problem(401, 'Unauthorized', 'unauthenticated', detail);
}

/** Someone else's resource: the same answer as a missing one (see AuthGuard). */
export function notYours(): HttpException {
  return problem(404, 'Not Found', 'not-found', 'no such resource');
}
