import { mapLimit } from '@dinner-rush/audit';
import { TokenClient, toolsClientEnvSchema } from '@dinner-rush/auth';

/** The run's tokens: the operator's (reads, audit) and one per customer the run orders as. */
export interface RunTokens {
  operator: string;
  customer: (customerId: string) => string;
}

/**
 * Asks the issuer (OIDC_ISSUER, the dev issuer of `npm start` by default)
 * for every token before the first order, so the open loop never waits on
 * the issuer and the issuer sees one request per customer, not per order.
 */
export async function fetchRunTokens(customerIds: readonly string[]): Promise<RunTokens> {
  const tokens = new TokenClient(toolsClientEnvSchema.parse(process.env));
  const operator = await tokens.operator();
  const held = new Map<string, string>();
  await mapLimit(customerIds, 8, async (id) => {
    held.set(id, await tokens.forRole('customer', id));
  });
  return {
    operator,
    customer: (id) => {
      const token = held.get(id);
      if (!token) throw new Error(`no token was fetched for customer ${id}`);
      return token;
    },
  };
}
