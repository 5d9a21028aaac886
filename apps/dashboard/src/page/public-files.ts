import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The page's static files live in apps/dashboard/public (the build compiles
 * TypeScript only), found from the source tree (tests) or from dist/.
 */
export function publicDir(): string {
  const candidates = [
    join(__dirname, '../../public'),
    join(__dirname, '../../../../../apps/dashboard/public'),
    join(process.cwd(), 'apps/dashboard/public'),
  ];
  const found = candidates.find((dir) => existsSync(join(dir, 'index.html')));
  if (!found) throw new Error(`dashboard page not found in ${candidates.join(', ')}`);
  return found;
}

/** chart.js's browser build, served by the app itself (no CDN). */
export function chartJsFile(): string {
  return join(dirname(require.resolve('chart.js')), 'chart.umd.js');
}
