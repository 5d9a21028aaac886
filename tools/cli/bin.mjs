#!/usr/bin/env node
// The `dinner-rush` command (package.json "bin"; npm run <tool> calls it).
// Builds first only when dist/ is older than a source, quietly (one line, and
// the build's output only if it fails), then runs the built CLI.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { staleReason } from './build-freshness.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const reason = staleReason(root);
if (reason) {
  const started = Date.now();
  process.stderr.write(`dinner-rush: building first (${reason})…\n`);
  const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) {
    process.stderr.write(`${build.stdout ?? ''}${build.stderr ?? ''}`);
    process.stderr.write(`dinner-rush: npm run build failed in ${root}\n`);
    process.exit(1);
  }
  process.stderr.write(`dinner-rush: built in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
createRequire(import.meta.url)(join(root, 'dist/tools/cli/main.js'));
