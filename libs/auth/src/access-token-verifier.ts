import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import type { AuthSettings } from './auth-config';
import { discoverIssuer } from './issuer-discovery';
import { isRole, type Caller } from './roles';

/** A token that is missing, malformed, expired, or not from our issuer for our audience. */
export class InvalidAccessToken extends Error {}

type KeySet = ReturnType<typeof createRemoteJWKSet>;

/**
 * Verifies bearer tokens against the issuer's published keys (jose caches
 * them and refetches when a token names a key it has not seen, so an issuer
 * that rotates or restarts is followed). The key set URL is discovered once,
 * on first use, so a service can boot before its issuer does.
 */
export class AccessTokenVerifier {
  private keys: Promise<KeySet> | undefined;

  constructor(private readonly settings: AuthSettings) {}

  async verify(token: string): Promise<Caller> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, await this.keySet(), {
        issuer: this.settings.OIDC_ISSUER,
        audience: this.settings.OIDC_AUDIENCE,
      }));
    } catch (error) {
      if (error instanceof errors.JOSEError) throw new InvalidAccessToken(error.message);
      throw error;
    }
    const roles: unknown = payload.roles;
    if (typeof payload.sub !== 'string' || !Array.isArray(roles)) {
      throw new InvalidAccessToken('the token has no sub or no roles claim');
    }
    return { sub: payload.sub, roles: roles.filter(isRole) };
  }

  private keySet(): Promise<KeySet> {
    this.keys ??= this.discoverKeySet().catch((error: unknown) => {
      this.keys = undefined; // the issuer may be starting: ask again on the next request
      throw error;
    });
    return this.keys;
  }

  private async discoverKeySet(): Promise<KeySet> {
    if (this.settings.OIDC_JWKS_URL)
      return createRemoteJWKSet(new URL(this.settings.OIDC_JWKS_URL));
    const { jwksUri } = await discoverIssuer(this.settings.OIDC_ISSUER);
    return createRemoteJWKSet(new URL(jwksUri));
  }
}
