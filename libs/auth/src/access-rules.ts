import { applyDecorators, SetMetadata } from '@nestjs/common';
import type { Role } from './roles';

export const PUBLIC_ROUTE = 'dinner-rush:public';
export const ROUTE_ROLES = 'dinner-rush:roles';
export const ROUTE_OWNER = 'dinner-rush:owner';

/** Anyone may call it; a valid token, if sent, still names the caller (e.g. /health details). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** Only callers holding one of these roles. */
export const Roles = (...roles: Role[]) => SetMetadata(ROUTE_ROLES, roles);

/** The route parameter that names the owner of the resource, and the role owners have. */
export interface RouteOwner {
  role: Role;
  param: string;
}

/**
 * The owner (a `role` caller whose `sub` equals the route parameter `param`)
 * or an operator. Anyone else is answered 404, as if the resource did not
 * exist (see AuthGuard).
 */
export const OwnerOrOperator = (role: Role, param: string) =>
  applyDecorators(
    SetMetadata(ROUTE_ROLES, [role, 'operator']),
    SetMetadata(ROUTE_OWNER, { role, param } satisfies RouteOwner),
  );
