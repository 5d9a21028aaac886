import { z } from 'zod';

/** Where the dev issuer (apps/dev-issuer) listens unless DEV_ISSUER_PORT moves it. */
export const DEV_ISSUER_DEFAULT_URL = 'http://127.0.0.1:3090';

/** The audience every Dinner Rush access token carries (the issuer's contract). */
export const DINNER_RUSH_AUDIENCE = 'dinner-rush';

/**
 * How a service checks access tokens. OIDC_ISSUER is the expected `iss`; the
 * signing keys come from its discovery document unless OIDC_JWKS_URL names
 * them (a Keycloak reached under another host name than its issuer's).
 * The default is the dev issuer `npm start` runs; production must name its own.
 */
export const authEnvSchema = z.object({
  OIDC_ISSUER: z.url().default(DEV_ISSUER_DEFAULT_URL),
  OIDC_JWKS_URL: z.url().optional(),
  OIDC_AUDIENCE: z.string().min(1).default(DINNER_RUSH_AUDIENCE),
});

export type AuthSettings = z.infer<typeof authEnvSchema>;
