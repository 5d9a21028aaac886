import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const { staleReason } = jest.requireActual<{ staleReason(root: string): string | undefined }>(
  './build-freshness.mjs',
);

describe('staleReason (does the bin need to build first?)', () => {
  let root: string;
  const write = (path: string, ageS: number) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), '');
    const at = new Date(Date.now() - ageS * 1000);
    utimesSync(join(root, path), at, at);
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'dr-freshness-'));
    write('package.json', 100);
    write('apps/a/src/main.ts', 100);
    write('tools/x.mjs', 100);
    write('prisma/a/schema.prisma', 100);
    write('dist/apps/a/src/main.js', 50);
    write('dist/tools/x.js', 50);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('is current when every compiled source has a newer output', () => {
    expect(staleReason(root)).toBeUndefined();
  });

  it('names a source newer than the build, compiled or not', () => {
    write('apps/a/src/main.ts', 10);
    expect(staleReason(root)).toBe('apps/a/src/main.ts changed');
    write('apps/a/src/main.ts', 100);
    write('prisma/a/schema.prisma', 10);
    expect(staleReason(root)).toBe('prisma/a/schema.prisma changed');
  });

  it('names an output that is missing; ignores generated code and outputs of deleted sources', () => {
    write('libs/b/src/index.ts', 100);
    expect(staleReason(root)).toBe('dist/libs/b/src/index.js is missing');
    rmSync(join(root, 'libs'), { recursive: true });
    write('apps/a/src/generated/client.ts', 1);
    write('dist/bench/gone.js', 500);
    expect(staleReason(root)).toBeUndefined();
  });
});
