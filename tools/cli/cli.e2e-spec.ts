import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort, REPO_ROOT, startTestIssuer } from '@dinner-rush/testing';
import { buildProgram } from './program';

/**
 * The built `dinner-rush` CLI as a process, every subcommand: `--help` answers
 * with its usage and exit 0; a bad option is refused with exit 2 and a message
 * naming it (never a stack trace, never NaN reaching a tool). The bin skips
 * the build when dist/ is current. Needs `npm run build` first.
 */
const run = promisify(execFile);
const CLI = join(REPO_ROOT, 'dist/tools/cli/main.js');

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(
  args: readonly string[],
  script = CLI,
  env: Record<string, string> = {},
): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run(process.execPath, [script, ...args], {
      cwd: REPO_ROOT,
      timeout: 30_000,
      env: { ...process.env, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/** For each subcommand, arguments with one bad option, and the option the message must name. */
const BAD_OPTION: Record<string, { args: string[]; names: string }> = {
  load: { args: ['--rate', 'fast'], names: '--rate' },
  compare: { args: ['--stop', 'kitchen'], names: '--stop' },
  'dlq list': { args: ['ledger', '--limit', 'abc'], names: '--limit' },
  'dlq replay': { args: ['ledger', '--limit', '0'], names: '--limit' },
  replay: { args: ['customer-notify', '--since', 'yesterday'], names: '--since' },
  token: { args: ['--role', 'chef'], names: '--role' },
  'new:consumer': { args: ['loyalty-points', '--port', '99999'], names: '--port' },
  'db:migration': { args: ['ledger', 'add_tip', '--force'], names: '--force' },
  'docs:asyncapi': { args: ['--chek'], names: '--chek' },
  'db:migrate': { args: ['kitchen'], names: 'kitchen' },
  'db:roles': { args: ['--migrate', 'now'], names: 'too many arguments' },
  'broker:users': { args: ['--management-url', 'localhost'], names: '--management-url' },
  'broker:definitions': { args: ['--render'], names: '--render' },
  'k8s:render': { args: ['--out'], names: '--out' },
  'keycloak:realm': { args: ['--chek'], names: '--chek' },
};

/** Every command that runs something (dlq's list and replay, not dlq itself), as typed. */
function leafCommands(): string[] {
  const walk = (command: ReturnType<typeof buildProgram>, path: string[]): string[] =>
    command.commands.length === 0
      ? [path.join(' ')]
      : command.commands.flatMap((sub) => walk(sub as typeof command, [...path, sub.name()]));
  return walk(buildProgram(), []);
}

describe('dinner-rush (the built CLI as a process)', () => {
  it('has a bad-option case below for every subcommand', () => {
    expect(leafCommands().sort()).toEqual(Object.keys(BAD_OPTION).sort());
  });

  it.each(Object.keys(BAD_OPTION))('%s --help: usage on stdout, exit 0', async (command) => {
    const outcome = await cli([...command.split(' '), '--help']);
    expect(outcome).toMatchObject({ code: 0, stderr: '' });
    expect(outcome.stdout).toContain(`Usage: dinner-rush ${command}`);
    expect(outcome.stdout).toContain('-h, --help');
  });

  it.each(Object.entries(BAD_OPTION))(
    '%s with a bad option: exit 2, the message names it',
    async (command, { args, names }) => {
      const outcome = await cli([...command.split(' '), ...args]);
      expect(outcome.code).toBe(2);
      expect(outcome.stderr).toContain(names);
      expect(outcome.stderr).toContain('--help');
      expect(outcome.stderr).not.toMatch(/\n\s+at /); // no stack trace
    },
  );

  it('-h is --help, and a command with subcommands lists them', async () => {
    expect((await cli(['compare', '-h'])).stdout).toContain('Usage: dinner-rush compare');
    const dlq = await cli(['dlq', '--help']);
    expect(dlq.stdout).toMatch(/list \[options\] <service>[\s\S]*replay \[options\] <service>/);
    expect((await cli(['dlq'])).code).toBe(2);
    expect((await cli(['kitchen'])).code).toBe(2);
  });

  it('a failure names what failed and where, without a stack trace, exit 1', async () => {
    const nobody = `http://127.0.0.1:${await freePort()}`;
    const replay = ['replay', 'customer-notify', '--order-service-url', nobody];
    // The token first: with no issuer where OIDC_ISSUER points, that is what failed.
    const noIssuer = await cli(replay, CLI, {
      OIDC_ISSUER: `http://127.0.0.1:${await freePort()}`,
    });
    expect(noIssuer.code).toBe(1);
    expect(noIssuer.stderr).toContain('cannot reach the token issuer at http://127.0.0.1:');
    expect(noIssuer.stderr).not.toMatch(/\n\s+at /);
    // With a token, the order-service that is not there.
    const issuer = await startTestIssuer();
    try {
      const outcome = await cli(replay, CLI, issuer.env);
      expect(outcome.code).toBe(1);
      expect(outcome.stderr).toContain(`POST ${nobody}/replays failed`);
      expect(outcome.stderr).toContain(`ECONNREFUSED ${nobody.slice('http://'.length)}`);
      expect(outcome.stderr).not.toMatch(/\n\s+at /);
    } finally {
      await issuer.close();
    }
  });

  it('the bin runs the built CLI at once when dist/ is current (no rebuild)', async () => {
    const { staleReason } = jest.requireActual<{ staleReason(root: string): string | undefined }>(
      './build-freshness.mjs',
    );
    // The sources changed since the last build: this test would build, which it must not do.
    expect({ staleReason: staleReason(REPO_ROOT) ?? 'none (run `npm run build` first)' }).toEqual({
      staleReason: 'none (run `npm run build` first)',
    });
    const outcome = await cli(['dlq', '--help'], join(REPO_ROOT, 'tools/cli/bin.mjs'));
    // A rebuild announces itself on stderr ("building first …"): none here.
    expect(outcome).toMatchObject({ code: 0, stderr: '' });
    expect(outcome.stdout).toContain('Usage: dinner-rush dlq');
  });
});
