import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '@dinner-rush/testing';

const run = promisify(execFile);

/** What a scaffold needs from the repository: the libs, tools, shared Prisma models and configs. */
const COPIED = [
  'libs',
  'tools',
  'prisma/shared',
  'test/global-setup.ts',
  'test/global-teardown.ts',
  'package.json',
  'tsconfig.json',
  '.swcrc',
  'eslint.config.mjs',
  '.prettierrc.json',
  '.prettierignore',
  'jest.config.js',
];

/** The command-line tools, run with this Node from the shared node_modules. */
export const Bin = {
  tsc: 'node_modules/typescript/bin/tsc',
  eslint: 'node_modules/eslint/bin/eslint.js',
  prettier: 'node_modules/prettier/bin/prettier.cjs',
  jest: 'node_modules/jest/bin/jest.js',
  prisma: 'node_modules/prisma/build/index.js',
  swc: 'node_modules/@swc/cli/bin/swc.js',
} as const;

export interface CommandResult {
  code: number;
  output: string;
}

/**
 * A throwaway copy of the repository in the OS temp folder, so a scaffold
 * never lands in the real tree (where parallel builds, lints and the schema
 * drift test would meet it). node_modules is linked, not copied.
 */
export class ScratchTree {
  private constructor(readonly root: string) {}

  static create(): ScratchTree {
    const root = mkdtempSync(join(tmpdir(), 'dr-scaffold-'));
    for (const path of COPIED) {
      mkdirSync(join(root, path, '..'), { recursive: true });
      cpSync(join(REPO_ROOT, path), join(root, path), {
        recursive: true,
        verbatimSymlinks: true,
        filter: (source) => !source.includes('/generated/'),
      });
    }
    mkdirSync(join(root, 'apps'));
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(root, 'node_modules'));
    return new ScratchTree(root);
  }

  /** Runs `node <script> ...args` in the scratch tree; never throws on a non-zero exit. */
  async node(
    script: string,
    args: readonly string[],
    env: Record<string, string> = {},
  ): Promise<CommandResult> {
    try {
      const { stdout, stderr } = await run(process.execPath, [script, ...args], {
        cwd: this.root,
        env: { ...process.env, ...env },
        maxBuffer: 32 * 1024 * 1024,
        timeout: 300_000,
      });
      return { code: 0, output: `${stdout}${stderr}` };
    } catch (error) {
      const failed = error as { code?: number; stdout?: string; stderr?: string };
      return {
        code: typeof failed.code === 'number' ? failed.code : 1,
        output: `${failed.stdout ?? ''}${failed.stderr ?? ''}`,
      };
    }
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
