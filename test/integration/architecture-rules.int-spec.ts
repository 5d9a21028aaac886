import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '@dinner-rush/testing';

const run = promisify(execFile);

/**
 * The boundaries in .dependency-cruiser.js (part of `npm run lint`) must be
 * able to fail: a throwaway tree that breaks each rule is checked with the
 * repository's own rule set, and every breach is reported.
 */
describe('architecture rules', () => {
  let fixture: string;
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(fixture, path)), { recursive: true });
    writeFileSync(join(fixture, path), text);
  };

  beforeAll(() => {
    fixture = mkdtempSync(join(tmpdir(), 'dr-arch-'));
    write(
      'tsconfig.json',
      JSON.stringify({
        compilerOptions: {
          baseUrl: '.',
          paths: { '@dinner-rush/contracts': ['libs/contracts/src'] },
        },
      }),
    );
    write('libs/contracts/src/index.ts', "export * from './topology';\n");
    write('libs/contracts/src/topology.ts', 'export const X = 1;\n');
    write('apps/order-service/src/orders.service.ts', 'export const Orders = 1;\n');
    write(
      'apps/ledger/src/leak.ts',
      "import { Orders } from '../../order-service/src/orders.service';\nexport const leak = Orders;\n",
    );
    write(
      'apps/ledger/src/deep.ts',
      "import { X } from '../../../libs/contracts/src/topology';\nexport const deep = X;\n",
    );
    write(
      'libs/contracts/src/upward.ts',
      "import { Orders } from '../../../apps/order-service/src/orders.service';\nexport const up = Orders;\n",
    );
  });

  afterAll(() => rmSync(fixture, { recursive: true, force: true }));

  it('reports an app importing another app, a deep lib import and a lib importing an app', async () => {
    const result = await run(
      join(REPO_ROOT, 'node_modules/.bin/depcruise'),
      ['apps', 'libs', '--config', join(REPO_ROOT, '.dependency-cruiser.js')],
      { cwd: fixture },
    ).then(
      () => ({ failed: false, output: '' }),
      (error: { stdout?: string }) => ({ failed: true, output: error.stdout ?? '' }),
    );
    expect(result.failed).toBe(true);
    expect(result.output).toContain(
      'no-app-to-other-app: apps/ledger/src/leak.ts → apps/order-service/src/orders.service.ts',
    );
    expect(result.output).toContain(
      'no-deep-lib-imports: apps/ledger/src/deep.ts → libs/contracts/src/topology.ts',
    );
    expect(result.output).toContain(
      'no-lib-to-app: libs/contracts/src/upward.ts → apps/order-service/src/orders.service.ts',
    );
  });
});
