import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '@dinner-rush/testing';

const run = promisify(execFile);

export interface ToolRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** The built `dinner-rush` CLI (what tools/cli/bin.mjs runs once dist/ is current). */
export const BUILT_CLI = join(REPO_ROOT, 'dist/tools/cli/main.js');

/** Runs one CLI command (`dinner-rush <command> …args`, as `npm run <command>` does) without throwing on failure. */
export async function runTool(
  command: string,
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<ToolRun> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BUILT_CLI, command, ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      timeout: 120_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}
