import { DEV_TOOLS_CLIENT_SECRET } from '@dinner-rush/auth';
import { createDevIssuer } from './dev-issuer';

describe('createDevIssuer', () => {
  it('refuses to run with NODE_ENV=production, saying what to use instead', async () => {
    await expect(
      createDevIssuer({
        issuer: 'http://127.0.0.1:3090',
        toolsClientSecret: DEV_TOOLS_CLIENT_SECRET,
        nodeEnv: 'production',
      }),
    ).rejects.toThrow(/must not run with NODE_ENV=production.*OIDC_ISSUER/);
  });
});
