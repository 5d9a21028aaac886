import { errors, type KoaContextWithOIDC, type Provider } from 'oidc-provider';
import { DEV_TOKEN_GRANT, isRole } from '@dinner-rush/auth';

/** The parameters of a dev-token request besides grant_type. */
export const DEV_TOKEN_PARAMETERS = ['role', 'sub'];

/**
 * Registers the dev-token grant: `role` (customer, merchant or operator) and
 * `sub` (the customer's or merchant's id; the client id when omitted) in,
 * a signed JWT access token for the Dinner Rush audience out. The token is a
 * ClientCredentials token (no end-user session behind it); the issuer's
 * claim hooks put `roles` and `sub` into it from these parameters.
 */
export function registerDevTokenGrant(
  provider: Provider,
  resourceServerInfo: ResourceServerInfo,
): void {
  provider.registerGrantType(
    DEV_TOKEN_GRANT,
    async (ctx: KoaContextWithOIDC) => {
      const { role, sub } = ctx.oidc.params as { role?: unknown; sub?: unknown };
      if (!isRole(role))
        throw new errors.InvalidRequest('role must be customer, merchant or operator');
      if (sub !== undefined && (typeof sub !== 'string' || sub.length === 0 || sub.length > 200)) {
        throw new errors.InvalidRequest('sub must be a non-empty string');
      }
      const { client } = ctx.oidc;
      if (!client) throw new errors.InvalidClient('client authentication is required');
      const token = new provider.ClientCredentials({ client });
      token.resourceServer = new provider.ResourceServer(
        resourceServerInfo.identifier,
        resourceServerInfo.info,
      );
      ctx.body = {
        access_token: await token.save(),
        expires_in: token.expiration,
        token_type: 'Bearer',
      };
    },
    DEV_TOKEN_PARAMETERS,
  );
}

export interface ResourceServerInfo {
  identifier: string;
  info: {
    audience: string;
    scope: string;
    accessTokenFormat: 'jwt';
    accessTokenTTL: number;
  };
}
