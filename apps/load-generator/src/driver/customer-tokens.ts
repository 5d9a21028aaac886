import { mapLimit } from '@dinner-rush/audit';
import {
  customerLoginEnvSchema,
  customerLogins,
  TokenClient,
  toolsClientEnvSchema,
  type CustomerLogin,
} from '@dinner-rush/auth';

/** The run's tokens: the operator's (reads, audit) and one per customer the run orders as. */
export interface RunTokens {
  /** The customers this run orders as (Keycloak's demo customers under CUSTOMER_TOKENS=demo-users). */
  customerIds: string[];
  operator: () => Promise<string>;
  customer: (customerId: string) => Promise<string>;
}

const runTokensEnvSchema = toolsClientEnvSchema.extend(customerLoginEnvSchema.shape);

/**
 * Asks the issuer (OIDC_ISSUER, the dev issuer of `npm start` by default)
 * for every token before the first order, so the open loop does not wait on
 * the issuer and the issuer sees one request per customer, not per order.
 * TokenClient then hands out the held tokens and renews each shortly before
 * it expires (Keycloak's last 5 minutes, shorter than a long run).
 */
export async function fetchRunTokens(wanted: readonly string[]): Promise<RunTokens> {
  const settings = runTokensEnvSchema.parse(process.env);
  const tokens = new TokenClient(settings);
  const logins = new Map<string, CustomerLogin>(
    customerLogins(tokens, settings, wanted).map((login) => [login.id, login]),
  );
  await tokens.operator();
  await mapLimit([...logins.values()], 8, (login) => login.token());
  return {
    customerIds: [...logins.keys()],
    operator: () => tokens.operator(),
    customer: (id) => {
      const login = logins.get(id);
      if (!login) throw new Error(`customer ${id} is not one this run orders as`);
      return login.token();
    },
  };
}
