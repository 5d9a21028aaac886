import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Service ports live in 3000-3099 (the dashboard and tools sit above). */
const FIRST = 3000;
const LAST = 3099;

/** The lowest port in the service range that no app's config.ts claims as its default. */
export function nextServicePort(root: string): number {
  const taken = new Set<number>();
  const apps = join(root, 'apps');
  for (const app of existsSync(apps) ? readdirSync(apps) : []) {
    const config = join(apps, app, 'src/config.ts');
    if (!existsSync(config)) continue;
    for (const match of readFileSync(config, 'utf8').matchAll(/port:\s*(\d+)/g)) {
      taken.add(Number(match[1]));
    }
  }
  for (let port = FIRST; port <= LAST; port++) if (!taken.has(port)) return port;
  throw new Error(`every port from ${FIRST} to ${LAST} is taken; pass --port`);
}
