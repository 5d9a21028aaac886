import type { Page } from 'playwright-core';

/**
 * Every response of 400 or more the page received, and every request that
 * failed, as "<status> <url>". Read from the DevTools protocol: Playwright's
 * own events miss what the browser fetches for itself (the favicon).
 */
export async function recordFailedRequests(page: Page): Promise<string[]> {
  const failed: string[] = [];
  const session = await page.context().newCDPSession(page);
  const urls = new Map<string, string>();
  session.on('Network.requestWillBeSent', (event) => urls.set(event.requestId, event.request.url));
  session.on('Network.responseReceived', (event) => {
    if (event.response.status >= 400) failed.push(`${event.response.status} ${event.response.url}`);
  });
  session.on('Network.loadingFailed', (event) => {
    // An EventSource closed by navigation or by the test is not a failure of the page.
    if (event.canceled) return;
    failed.push(`${event.errorText} ${urls.get(event.requestId) ?? event.requestId}`);
  });
  await session.send('Network.enable');
  return failed;
}
