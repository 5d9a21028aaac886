import { z } from 'zod';
import { authEnvSchema } from './auth-config';

/** The confidential client tools and the dashboard use (Keycloak's realm has the same). */
export const TOOLS_CLIENT_ID = 'dinner-rush-tools';

/** Its secret unless OIDC_TOOLS_CLIENT_SECRET says otherwise: a development value only. */
export const DEV_TOOLS_CLIENT_SECRET = 'dev-tools-secret';

/** Keycloak's public client with direct access grants, for its demo users (customer-01, operator, …). */
export const CLI_CLIENT_ID = 'dinner-rush-cli';

/**
 * The dev issuer's own grant: a token for any role and `sub`, asked for by the
 * tools client. Keycloak has no such grant (it has demo users); this is what
 * lets tests and the load generator act as any of thousands of customers.
 */
export const DEV_TOKEN_GRANT = 'urn:dinner-rush:grant-type:dev-token';

/**
 * How a tool reaches the issuer: the same OIDC_ISSUER the services check, and
 * the tools secret. OIDC_TOKEN_URL names the token endpoint when the issuer's
 * own address is not reachable from where the tool runs (inside compose,
 * Keycloak's issuer is localhost:8080, the browser's address); otherwise it
 * comes from the issuer's discovery document.
 */
export const toolsClientEnvSchema = authEnvSchema.pick({ OIDC_ISSUER: true }).extend({
  OIDC_TOKEN_URL: z.url().optional(),
  OIDC_TOOLS_CLIENT_SECRET: z.string().min(1).default(DEV_TOOLS_CLIENT_SECRET),
});

export type ToolsClientSettings = z.infer<typeof toolsClientEnvSchema>;
