import { mapLimit } from '@dinner-rush/audit';
import { TokenClient, toolsClientEnvSchema, type Role } from '@dinner-rush/auth';

export { bearerHeader } from '@dinner-rush/auth';

/**
 * Asks the issuer a run's services trust for an access token; operator
 * without sub is the tools client's own. `TestIssuer.token` is one.
 */
export type IssueToken = (role: Role, sub?: string) => Promise<string>;

/**
 * Tokens from an issuer running outside the test process: a start-all's dev
 * issuer (its URL), or OIDC_ISSUER's (the dev issuer of `npm start` by
 * default) for a pipeline someone else started.
 */
export function issuerTokens(issuerUrl?: string): IssueToken {
  const tokens = new TokenClient(
    toolsClientEnvSchema.parse({
      ...process.env,
      ...(issuerUrl === undefined ? {} : { OIDC_ISSUER: issuerUrl }),
    }),
  );
  return (role, sub) => tokens.forRole(role, sub);
}

/**
 * Every customer's token before the first order, so a paced or open-loop run
 * never waits on the issuer and its latency measures intake alone.
 */
export async function prefetchCustomerTokens(
  issue: IssueToken,
  customerIds: readonly string[],
): Promise<(customerId: string) => string> {
  const held = new Map<string, string>();
  await mapLimit([...new Set(customerIds)], 8, async (id) => {
    held.set(id, await issue('customer', id));
  });
  return (customerId) => {
    const token = held.get(customerId);
    if (!token) throw new Error(`no token was fetched for customer ${customerId}`);
    return token;
  };
}
