import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

type ContextOptions = NonNullable<Parameters<typeof chromium.launchPersistentContext>[1]>;

export interface HeadlessChromium {
  context: BrowserContext;
  /** Closes the browser and removes its profile. */
  close(): Promise<void>;
}

/**
 * The system's Chromium through playwright-core (no browser download),
 * headless, in a throwaway profile. Background networking, updates and sync
 * are off, so a test sees only the traffic it causes.
 */
export async function launchHeadlessChromium(
  options: Omit<ContextOptions, 'executablePath' | 'headless' | 'args'> = {},
): Promise<HeadlessChromium> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'dr-chromium-'));
  const removeProfile = () => rmSync(userDataDir, { recursive: true, force: true });
  const context = await chromium
    .launchPersistentContext(userDataDir, {
      ...options,
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    })
    .catch((error: unknown) => {
      removeProfile();
      throw error;
    });
  return {
    context,
    close: async () => {
      await context.close();
      removeProfile();
    },
  };
}
