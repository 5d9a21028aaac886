import { TokenClient, toolsClientEnvSchema, type Role } from '@dinner-rush/auth';
import { randomUUID } from 'node:crypto';

/**
 * `npm run token`: one access token on stdout (and nothing else, so
 * `TOKEN=$(npm run -s token -- --role operator)` works). A customer without
 * --sub gets a fresh id, which is a customer with no orders yet. --user asks
 * for a demo user's token instead (Keycloak under compose).
 */
export async function printToken(flags: {
  role?: Role;
  sub?: string;
  user?: string;
  password: string;
  issuer?: string;
}): Promise<void> {
  const settings = toolsClientEnvSchema.parse({
    ...process.env,
    ...(flags.issuer ? { OIDC_ISSUER: flags.issuer } : {}),
  });
  const tokens = new TokenClient(settings);
  if (flags.user) {
    console.log(await tokens.forUser(flags.user, flags.password));
    return;
  }
  const role = flags.role ?? 'operator';
  const sub = flags.sub ?? (role === 'operator' ? undefined : randomUUID());
  console.log(await tokens.forRole(role, sub));
}
