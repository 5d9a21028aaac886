import { DEV_TOOLS_CLIENT_SECRET, TokenClient, type Role } from '@dinner-rush/auth';
import { listenDevIssuer } from '@dinner-rush/dev-issuer';

/** A real OpenID provider (the dev issuer, oidc-provider) in the test process, on a free port. */
export interface TestIssuer {
  /** The OIDC_ISSUER to give services and tools. */
  url: string;
  /** The settings a tool (TokenClient, the load generator, the dashboard) needs to ask it. */
  env: { OIDC_ISSUER: string; OIDC_TOOLS_CLIENT_SECRET: string };
  /** An access token: operator without sub is the tools client's own (client_credentials). */
  token(role: Role, sub?: string): Promise<string>;
  close(): Promise<void>;
}

export async function startTestIssuer(): Promise<TestIssuer> {
  const issuer = await listenDevIssuer({ port: 0, toolsClientSecret: DEV_TOOLS_CLIENT_SECRET });
  const env = { OIDC_ISSUER: issuer.url, OIDC_TOOLS_CLIENT_SECRET: DEV_TOOLS_CLIENT_SECRET };
  const tokens = new TokenClient(env);
  return {
    url: issuer.url,
    env,
    token: (role, sub) => tokens.forRole(role, sub),
    close: () => issuer.close(),
  };
}
