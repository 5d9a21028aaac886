import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { buildRealm } from './realm-builder';

/** The repository root from tools/keycloak (sources) or dist/tools/keycloak (built). */
const REPO_ROOT = resolve(__dirname, __dirname.includes('/dist/') ? '../../..' : '../..');
/** Mounted into Keycloak's /opt/keycloak/data/import by docker-compose.yml. */
export const REALM_FILE = join(REPO_ROOT, 'deploy/keycloak/dinner-rush-realm.json');

export function committedRealm(): unknown {
  return JSON.parse(readFileSync(REALM_FILE, 'utf8')) as unknown;
}

/** The realm as plain JSON data (what the committed file must parse to). */
export function currentRealm(): unknown {
  return JSON.parse(JSON.stringify(buildRealm())) as unknown;
}

/** True when deploy/keycloak/dinner-rush-realm.json matches the code (`--check`). */
export function realmIsCurrent(): boolean {
  return isDeepStrictEqual(committedRealm(), currentRealm());
}

/** `dinner-rush keycloak:realm`: rewrites the realm file, formatted as Prettier keeps it. */
export async function writeRealm(): Promise<void> {
  const { format, resolveConfig } = await import('prettier');
  const options = await resolveConfig(REALM_FILE);
  writeFileSync(
    REALM_FILE,
    await format(JSON.stringify(currentRealm(), null, 2), { ...options, parser: 'json' }),
  );
  console.log(`wrote ${REALM_FILE}`);
}
