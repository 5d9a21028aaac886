import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from '@dinner-rush/testing';
import { checkUntouched } from '../../tools/check-untouched';

/**
 * The check that adding customer-notify changed nothing under
 * apps/order-service: proven able to fail on scratch repositories, then run
 * on this repository's own history.
 */
describe('check-untouched: a new consumer is added without an order-service change', () => {
  const repos: string[] = [];
  afterAll(() => repos.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  /** A scratch git repository; each step is one commit of the given files. */
  function repoWith(...commits: Record<string, string>[]): string {
    const dir = mkdtempSync(join(tmpdir(), 'dr-untouched-'));
    repos.push(dir);
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
        cwd: dir,
      });
    git('init', '-q');
    commits.forEach((files, n) => {
      for (const [path, content] of Object.entries(files)) {
        mkdirSync(join(dir, dirname(path)), { recursive: true });
        writeFileSync(join(dir, path), content);
      }
      git('add', '-A');
      git('commit', '-q', '-m', `step ${n}`);
    });
    return dir;
  }

  const base = { 'apps/order-service/src/main.ts': 'v1', 'libs/contracts/src/index.ts': 'v1' };

  it('passes a commit that adds the consumer and touches only shared libs', () => {
    const dir = repoWith(base, {
      'apps/customer-notify/src/main.ts': 'new',
      'libs/contracts/src/index.ts': 'v2',
    });
    expect(checkUntouched(dir, 'customer-notify', 'apps/order-service')).toMatchObject({
      status: 'untouched',
      files: ['apps/customer-notify/src/main.ts', 'libs/contracts/src/index.ts'],
    });
  });

  it('fails a commit that adds the consumer and edits order-service, naming the file', () => {
    const dir = repoWith(base, {
      'apps/customer-notify/src/main.ts': 'new',
      'apps/order-service/src/main.ts': 'v2',
    });
    expect(checkUntouched(dir, 'customer-notify', 'apps/order-service')).toMatchObject({
      status: 'touched',
      violations: ['apps/order-service/src/main.ts'],
    });
  });

  it('judges the commit that added the consumer, not later ones', () => {
    const dir = repoWith(
      base,
      { 'apps/customer-notify/src/main.ts': 'new' },
      { 'apps/customer-notify/src/extra.ts': 'later', 'apps/order-service/src/main.ts': 'v2' },
    );
    expect(checkUntouched(dir, 'customer-notify', 'apps/order-service').status).toBe('untouched');
  });

  it('says so when the consumer was never committed', () => {
    expect(checkUntouched(repoWith(base), 'customer-notify', 'apps/order-service')).toMatchObject({
      status: 'not-committed',
    });
  });

  it("this repository's history: customer-notify's commit left apps/order-service alone", () => {
    const result = checkUntouched(REPO_ROOT, 'customer-notify', 'apps/order-service');
    // Before its commit lands, there is nothing to judge yet (and never a pass).
    expect(['untouched', 'not-committed']).toContain(result.status);
    if (result.status === 'untouched')
      expect(result.files).toContain('apps/customer-notify/src/main.ts');
  });
});
