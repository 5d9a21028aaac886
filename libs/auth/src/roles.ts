/** The roles an access token's top-level `roles` claim may carry (the issuer's contract, docs/auth.md). */
export const ROLES = ['customer', 'merchant', 'operator'] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Who is calling, from a verified access token: `sub` is the customer's or merchant's own id. */
export interface Caller {
  sub: string;
  roles: Role[];
}

/**
 * Whether the caller may act on a resource owned by `ownerId` in the capacity
 * of `role`: an operator may act on anyone's, a customer or merchant only on
 * their own (their `sub` is the owner id).
 */
export function mayActFor(caller: Caller, role: Role, ownerId: string): boolean {
  if (caller.roles.includes('operator')) return true;
  return caller.roles.includes(role) && caller.sub === ownerId;
}
