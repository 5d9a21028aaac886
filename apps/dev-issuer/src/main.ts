import { listenDevIssuer } from '@dinner-rush/dev-issuer';
import { loadConfig, runMain } from '@dinner-rush/service-kit';
import { devIssuerEnvSchema } from './config';

/**
 * The development OpenID provider `npm start` runs first: the services check
 * its tokens, the tools and the dashboard ask it for theirs (docs/auth.md).
 * It refuses NODE_ENV=production.
 */
runMain(async () => {
  const config = loadConfig(devIssuerEnvSchema);
  const issuer = await listenDevIssuer({
    port: config.PORT,
    host: config.HOST,
    publicUrl: config.DEV_ISSUER_URL,
    toolsClientSecret: config.OIDC_TOOLS_CLIENT_SECRET,
    accessTokenTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
    nodeEnv: config.NODE_ENV,
  });
  console.log(`dev issuer listening: OIDC_ISSUER=${issuer.url}`);
  const stop = () => void issuer.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
});
