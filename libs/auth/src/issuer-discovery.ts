/** The parts of an issuer's OpenID discovery document we use. */
export interface IssuerEndpoints {
  jwksUri: string;
  tokenEndpoint: string;
}

/** Reads `${issuer}/.well-known/openid-configuration` (the dev issuer's and Keycloak's alike). */
export async function discoverIssuer(issuer: string): Promise<IssuerEndpoints> {
  const base = issuer.replace(/\/$/, '');
  const response = await fetch(`${base}/.well-known/openid-configuration`).catch(
    (error: unknown) => {
      throw new Error(
        `cannot reach the token issuer at ${base} (OIDC_ISSUER; \`npm start\` runs the dev issuer)`,
        { cause: error },
      );
    },
  );
  if (!response.ok) throw new Error(`OIDC discovery at ${base} answered ${response.status}`);
  const document = (await response.json()) as { jwks_uri?: unknown; token_endpoint?: unknown };
  if (typeof document.jwks_uri !== 'string' || typeof document.token_endpoint !== 'string') {
    throw new Error(`OIDC discovery at ${base} names no jwks_uri or token_endpoint`);
  }
  return { jwksUri: document.jwks_uri, tokenEndpoint: document.token_endpoint };
}
