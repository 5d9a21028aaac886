// Whether dist/ holds a build of the sources as they are now, so that the
// `dinner-rush` bin runs a tool at once instead of rebuilding everything
// first (npm run build takes 10 s and more). Plain JavaScript: it must run
// before anything is built.
//
// The build is current when every compiled source has its output in dist/
// and no source (compiled or not: Prisma schemas, templates, JSON) is newer
// than the oldest of those outputs. swc rewrites every output on each build,
// so the oldest output marks when the last build began writing; outputs of
// deleted sources are ignored.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** What `npm run build` reads: the folders swc compiles, Prisma schemas, and its settings. */
export const SOURCE_DIRS = ['apps', 'libs', 'tools', 'bench', 'prisma'];
export const SOURCE_FILES = ['package.json', '.swcrc'];
const COMPILED = /\.(ts|mts|js|mjs)$/;
/** Outputs of the build itself (prisma generate), not sources. */
const SKIPPED_DIRS = new Set(['generated', 'node_modules']);

/** Why a build is needed (naming the file), or undefined when dist/ is current. */
export function staleReason(root) {
  let newest = { path: '', mtimeMs: 0 };
  let oldestOutput = Number.POSITIVE_INFINITY;
  const consider = (path) => {
    const { mtimeMs } = statSync(path);
    if (mtimeMs > newest.mtimeMs) newest = { path, mtimeMs };
  };
  for (const file of SOURCE_FILES.map((name) => join(root, name)).filter(existsSync))
    consider(file);
  for (const dir of SOURCE_DIRS) {
    for (const file of filesUnder(join(root, dir))) {
      consider(file);
      if (!COMPILED.test(file) || file.endsWith('.d.ts') || dir === 'prisma') continue;
      const output = join(root, 'dist', relative(root, file).replace(COMPILED, '.js'));
      if (!existsSync(output)) return `${relative(root, output)} is missing`;
      oldestOutput = Math.min(oldestOutput, statSync(output).mtimeMs);
    }
  }
  if (newest.mtimeMs > oldestOutput) return `${relative(root, newest.path)} changed`;
  return undefined;
}

function* filesUnder(dir) {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) yield* filesUnder(join(dir, entry.name));
    } else if (entry.isFile()) yield join(dir, entry.name);
  }
}
