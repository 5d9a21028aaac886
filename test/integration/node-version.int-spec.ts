import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REQUIRED_NODE_MAJOR } from '../../tools/preflight/node-check';

/**
 * One Node.js major everywhere: what npm warns about (engines), what nvm picks
 * (.nvmrc), what the image runs (Dockerfile), what CI installs (.ci/run), the
 * types the code is checked against (@types/node) and what `npm start`'s
 * preflight demands. Moving to the next LTS is changing all of them together.
 */
const ROOT = join(__dirname, '../..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const majorOf = (version: string) => Number(/(\d+)/.exec(version)?.[1] ?? NaN);

const pkg = JSON.parse(read('package.json')) as {
  engines: { node: string };
  devDependencies: Record<string, string>;
};

describe('the Node.js version, said the same everywhere', () => {
  it.each([
    ['package.json engines', pkg.engines.node.replace(/^>=\s*/, '')],
    ['@types/node', pkg.devDependencies['@types/node'] ?? ''],
    ['.nvmrc', read('.nvmrc').trim()],
    ['.ci/run NODE_VERSION', /^NODE_VERSION=(\S+)$/m.exec(read('.ci/run'))?.[1] ?? ''],
    ...[...read('Dockerfile').matchAll(/^FROM node:(\S+)/gm)].map(
      ([, tag = '']) => ['Dockerfile FROM', tag] as [string, string],
    ),
  ])('%s (%s) is the preflight’s major', (_where, version) => {
    expect(majorOf(version)).toBe(REQUIRED_NODE_MAJOR);
  });

  it('engines asks for at least that major, and this run is on it', () => {
    expect(pkg.engines.node).toMatch(/^>=\s*\d+/);
    expect(majorOf(process.versions.node)).toBeGreaterThanOrEqual(REQUIRED_NODE_MAJOR);
  });
});
