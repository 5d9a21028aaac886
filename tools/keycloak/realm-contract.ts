import type { DemoRole } from './demo-identities';

/**
 * The names services and tools rely on (docs/auth.md): the issuer is
 * `<keycloak>/realms/dinner-rush`, every access token carries `aud`
 * dinner-rush and a top-level `roles` claim with the user's realm roles.
 */
export const REALM = 'dinner-rush';
export const AUDIENCE = 'dinner-rush';
export const ROLES_CLAIM = 'roles';
export const REALM_ROLES: readonly DemoRole[] = ['customer', 'merchant', 'operator'];

export const CLIENTS = {
  /** Confidential, client_credentials only: the dashboard and the CLI tools, as operator. */
  tools: 'dinner-rush-tools',
  /** Public, password grant: a demo user's token from curl or the CLI. */
  cli: 'dinner-rush-cli',
  /** Public, authorization code + PKCE: a person logging in to the dashboard in a browser. */
  dashboard: 'dinner-rush-dashboard',
} as const;

/** Keycloak resolves `${VAR}` from its own environment when it imports the realm at boot. */
export const TOOLS_SECRET_VARIABLE = 'OIDC_TOOLS_CLIENT_SECRET';
/** Fixed, so the tools' tokens carry a `sub` that docs and logs can name. */
export const TOOLS_SERVICE_ACCOUNT_ID = '5e000000-0000-4000-8000-000000000001';
/** Where the dashboard runs in compose (its browser login returns there). */
export const DASHBOARD_ORIGIN = 'http://localhost:3100';
