import { z } from 'zod';
import type { TokenClient } from './token-client';

/** Keycloak's demo customers (deploy/keycloak): customer-01 … customer-20. */
export const DEMO_CUSTOMER_COUNT = 20;

/** Every demo user's password: a demo realm, never a real one. */
export const DEMO_PASSWORD = 'demo';

/** `7` → `c0000000-0000-4000-8000-000000000007`: a valid UUID that says what it is. */
export function demoCustomerId(n: number): string {
  return `c0000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

/** `7` → `customer-07`, the login of demoCustomerId(7). */
export function demoCustomerUsername(n: number): string {
  return `customer-${String(n).padStart(2, '0')}`;
}

/**
 * Where a tool's customer tokens come from. `dev-token`: the dev issuer's
 * grant, a token for any customer id (npm start, tests). `demo-users`:
 * Keycloak has no such grant, so the tool orders as the realm's demo
 * customers, each logged in by the password grant of dinner-rush-cli
 * (docker compose sets this).
 */
export const customerLoginEnvSchema = z.object({
  CUSTOMER_TOKENS: z.enum(['dev-token', 'demo-users']).default('dev-token'),
  DEMO_USER_PASSWORD: z.string().min(1).default(DEMO_PASSWORD),
});

export type CustomerLoginSettings = z.infer<typeof customerLoginEnvSchema>;

/** A customer a tool may order as, and their token (TokenClient keeps it until near expiry). */
export interface CustomerLogin {
  id: string;
  token(): Promise<string>;
}

/**
 * The customers a tool orders as: `wanted` where any id can get a token
 * (dev-token), the demo customers otherwise.
 */
export function customerLogins(
  tokens: TokenClient,
  settings: CustomerLoginSettings,
  wanted: readonly string[],
): CustomerLogin[] {
  if (settings.CUSTOMER_TOKENS === 'dev-token') {
    return wanted.map((id) => ({ id, token: () => tokens.forRole('customer', id) }));
  }
  return Array.from({ length: DEMO_CUSTOMER_COUNT }, (_, i) => {
    const username = demoCustomerUsername(i + 1);
    return {
      id: demoCustomerId(i + 1),
      token: () => tokens.forUser(username, settings.DEMO_USER_PASSWORD),
    };
  });
}
