import { discoverIssuer } from './issuer-discovery';
import {
  CLI_CLIENT_ID,
  DEV_TOKEN_GRANT,
  TOOLS_CLIENT_ID,
  type ToolsClientSettings,
} from './tools-client';
import type { Role } from './roles';

interface HeldToken {
  value: string;
  /** Epoch ms after which it is asked for again (a minute before it expires). */
  renewAt: number;
}

/**
 * Access tokens for the tools client: its own operator token
 * (client_credentials, the standard grant Keycloak has too) and, from the
 * dev issuer, a token for any role and sub. Each is kept until a minute
 * before it expires, so a caller may ask per request.
 */
export class TokenClient {
  private readonly held = new Map<string, Promise<HeldToken>>();
  private tokenEndpoint: Promise<string> | undefined;

  constructor(private readonly settings: ToolsClientSettings) {}

  /** The tools client's own token: roles [operator]. */
  operator(): Promise<string> {
    return this.token('operator', { grant_type: 'client_credentials' });
  }

  /** A token for `role` and `sub` (the dev issuer's dev-token grant); operator without sub: the tools client's. */
  forRole(role: Role, sub?: string): Promise<string> {
    if (role === 'operator' && sub === undefined) return this.operator();
    return this.token(`${role}:${sub ?? ''}`, {
      grant_type: DEV_TOKEN_GRANT,
      role,
      ...(sub === undefined ? {} : { sub }),
    });
  }

  /**
   * A demo user's token by the password grant of the public client
   * dinner-rush-cli (Keycloak's realm has it; the dev issuer has no users).
   */
  forUser(username: string, password: string): Promise<string> {
    return this.token(`user:${username}`, {
      grant_type: 'password',
      client_id: CLI_CLIENT_ID,
      username,
      password,
    });
  }

  private async token(key: string, form: Record<string, string>): Promise<string> {
    const held = await this.held.get(key)?.catch(() => undefined);
    if (held && held.renewAt > Date.now()) return held.value;
    const asked = this.request(form);
    this.held.set(key, asked);
    return (await asked).value;
  }

  private async request(form: Record<string, string>): Promise<HeldToken> {
    const credentials = Buffer.from(
      `${encodeURIComponent(TOOLS_CLIENT_ID)}:${encodeURIComponent(this.settings.OIDC_TOOLS_CLIENT_SECRET)}`,
    ).toString('base64');
    // A public client (the password grant's) names itself in the form and has no secret.
    const confidential = form.client_id === undefined;
    const response = await fetch(await this.endpoint(), {
      method: 'POST',
      headers: {
        ...(confidential ? { authorization: `Basic ${credentials}` } : {}),
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams(form).toString(),
    });
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (!response.ok || typeof body.access_token !== 'string') {
      throw new Error(
        `the issuer ${this.settings.OIDC_ISSUER} refused a ${form.grant_type} token: ${response.status} ${JSON.stringify(body)}`,
      );
    }
    const expiresIn = typeof body.expires_in === 'number' ? body.expires_in : 300;
    return {
      value: body.access_token,
      renewAt: Date.now() + Math.max(expiresIn - 60, expiresIn / 2) * 1_000,
    };
  }

  private endpoint(): Promise<string> {
    if (this.settings.OIDC_TOKEN_URL) return Promise.resolve(this.settings.OIDC_TOKEN_URL);
    this.tokenEndpoint ??= discoverIssuer(this.settings.OIDC_ISSUER)
      .then(({ tokenEndpoint }) => tokenEndpoint)
      .catch((error: unknown) => {
        this.tokenEndpoint = undefined; // the issuer may be starting: ask again next time
        throw error;
      });
    return this.tokenEndpoint;
  }
}
