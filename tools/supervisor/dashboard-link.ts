import { TokenClient, toolsClientEnvSchema } from '@dinner-rush/auth';
import { setTimeout as sleep } from 'node:timers/promises';

/** How long `npm start` waits for the dashboard and the issuer before it gives the manual way. */
const WAIT_MS = 120_000;
const POLL_MS = 1_000;

/**
 * The line `npm start` prints once the dashboard answers: its address with an
 * operator's access token in the fragment, which the page keeps for its tab
 * (a fragment never reaches a server or its logs). The dashboard's data is an
 * operator's; without this, a first visit would start at a "paste a token"
 * prompt. Only for the local dev issuer: with another issuer the page signs in
 * by itself.
 */
export async function dashboardLink(
  dashboardUrl: string,
  issuer: string,
  signal: AbortSignal,
): Promise<string> {
  const tokens = new TokenClient(
    toolsClientEnvSchema.parse({ ...process.env, OIDC_ISSUER: issuer }),
  );
  const deadline = Date.now() + WAIT_MS;
  let lastError: unknown;
  while (Date.now() < deadline && !signal.aborted) {
    try {
      const health = await fetch(`${dashboardUrl}/health`, {
        signal: AbortSignal.timeout(POLL_MS),
      });
      if (health.ok) {
        const token = await tokens.operator();
        return `dashboard ${dashboardUrl}/#access_token=${token} (signed in as an operator for that tab, for an hour; later: npm run -s token -- --role operator, paste it on the page)`;
      }
    } catch (error) {
      lastError = error;
    }
    await sleep(POLL_MS, undefined, { signal }).catch(() => undefined);
  }
  const why = lastError instanceof Error ? ` (${lastError.message})` : '';
  return `dashboard ${dashboardUrl}: not answering yet${why}; once it does, open it with a token: npm run -s token -- --role operator`;
}
