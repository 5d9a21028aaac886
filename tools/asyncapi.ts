import { readFileSync, writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { join, resolve } from 'node:path';
import { buildAsyncApiDocument } from './asyncapi-document';

/**
 * `dinner-rush docs:asyncapi`: writes docs/asyncapi.json from libs/contracts.
 * With --check it writes nothing and fails when the committed file is stale.
 */
export const REPO_ROOT = resolve(__dirname, __dirname.includes('/dist/') ? '../..' : '..');
export const ASYNCAPI_FILE = join(REPO_ROOT, 'docs/asyncapi.json');

/** The document as plain JSON data (what the committed file must parse to). */
export function currentAsyncApi(): unknown {
  const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
    version: string;
  };
  const document = buildAsyncApiDocument(join(REPO_ROOT, 'libs/contracts/examples'), version);
  return JSON.parse(JSON.stringify(document)) as unknown;
}

export function committedAsyncApi(): unknown {
  return JSON.parse(readFileSync(ASYNCAPI_FILE, 'utf8')) as unknown;
}

/** True when docs/asyncapi.json matches libs/contracts (`--check`). */
export function asyncApiIsCurrent(): boolean {
  return isDeepStrictEqual(committedAsyncApi(), currentAsyncApi());
}

export async function writeAsyncApi(): Promise<void> {
  // Written as Prettier would write it, so `prettier --check .` passes on the committed file.
  const { format, resolveConfig } = await import('prettier');
  const options = await resolveConfig(ASYNCAPI_FILE);
  writeFileSync(
    ASYNCAPI_FILE,
    await format(JSON.stringify(currentAsyncApi(), null, 2), { ...options, parser: 'json' }),
  );
  console.log(`wrote ${ASYNCAPI_FILE}`);
}
