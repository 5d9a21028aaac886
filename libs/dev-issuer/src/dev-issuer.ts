import {
  DEV_TOKEN_GRANT,
  DINNER_RUSH_AUDIENCE,
  isRole,
  TOOLS_CLIENT_ID,
  type Role,
} from '@dinner-rush/auth';
import { exportJWK, generateKeyPair } from 'jose';
import { randomUUID } from 'node:crypto';
import { Provider, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { DINNER_RUSH_RESOURCE } from './dev-issuer-clients';
import { registerDevTokenGrant, type ResourceServerInfo } from './dev-token-grant';

export interface DevIssuerOptions {
  /** The issuer URL (`iss`), i.e. where the issuer is reached. */
  issuer: string;
  toolsClientSecret: string;
  /** Lifetime of an access token; an hour by default. */
  accessTokenTtlSeconds?: number;
  /** NODE_ENV of the process: the dev issuer refuses 'production'. */
  nodeEnv?: string;
}

/**
 * An OpenID provider (oidc-provider) for development and tests, minting the
 * access tokens Keycloak mints in compose: JWTs for the `dinner-rush`
 * audience with a top-level `roles` claim. client_credentials for the tools
 * client gives an operator token (sub = client id); the dev-token grant gives
 * any role for any sub. Its signing key is made at start and lives in memory:
 * tokens do not outlive the issuer, and services refetch its keys on a new kid.
 */
export async function createDevIssuer(options: DevIssuerOptions): Promise<Provider> {
  if (options.nodeEnv === 'production') {
    throw new Error(
      'The dev issuer mints a token for anyone who knows the tools secret and must not run with NODE_ENV=production; point OIDC_ISSUER at a real OpenID provider (e.g. Keycloak, see docs/auth.md)',
    );
  }
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingKey = {
    ...(await exportJWK(privateKey)),
    kid: randomUUID(),
    alg: 'RS256',
    use: 'sig',
  };
  const resourceServer: ResourceServerInfo = {
    identifier: DINNER_RUSH_RESOURCE,
    info: {
      audience: DINNER_RUSH_AUDIENCE,
      scope: 'api',
      accessTokenFormat: 'jwt',
      accessTokenTTL: options.accessTokenTtlSeconds ?? 3_600,
    },
  };
  const configuration: Configuration = {
    ttl: { ClientCredentials: resourceServer.info.accessTokenTTL },
    jwks: { keys: [signingKey] },
    clients: [
      {
        client_id: TOOLS_CLIENT_ID,
        client_secret: options.toolsClientSecret,
        grant_types: ['client_credentials', DEV_TOKEN_GRANT],
        redirect_uris: [],
        response_types: [],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => DINNER_RUSH_RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, indicator) => {
          if (indicator !== DINNER_RUSH_RESOURCE) throw new Error(`unknown resource ${indicator}`);
          return resourceServer.info;
        },
      },
    },
    extraTokenClaims: (ctx) => ({ roles: rolesFor(ctx) }),
    formats: {
      customizers: {
        // The dev-token grant's sub is the customer's or merchant's id, not the client's.
        jwt: (ctx, _token, jwt) => {
          const sub = devGrantParam(ctx, 'sub');
          if (sub) jwt.payload.sub = sub;
        },
      },
    },
  };
  const provider = new Provider(options.issuer, configuration);
  registerDevTokenGrant(provider, resourceServer);
  return provider;
}

/** client_credentials: the tools' operator; dev-token: the role asked for. */
function rolesFor(ctx: KoaContextWithOIDC): Role[] {
  const role = devGrantParam(ctx, 'role');
  // The grant handler refused any other value before a token was made.
  return [isRole(role) ? role : 'operator'];
}

function devGrantParam(ctx: KoaContextWithOIDC, name: 'role' | 'sub'): string | undefined {
  const params = ctx.oidc?.params;
  if (params?.grant_type !== DEV_TOKEN_GRANT) return undefined;
  const value = params[name];
  return typeof value === 'string' ? value : undefined;
}
