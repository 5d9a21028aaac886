import { Option, type Command } from '@commander-js/extra-typings';

/** `dinner-rush keycloak:realm`: see tools/keycloak/realm-file.ts and docs/auth.md. */
export function addKeycloakRealmCommand(program: Command): void {
  program
    .command('keycloak:realm')
    .summary('write deploy/keycloak/dinner-rush-realm.json')
    .description(
      'write deploy/keycloak/dinner-rush-realm.json (roles, clients, demo users: one per catalogue merchant) for Keycloak in compose',
    )
    .addOption(new Option('--check', 'write nothing; exit 1 when the committed file is stale'))
    .action(async (flags) => {
      const { realmIsCurrent, writeRealm } = await import('../../keycloak/realm-file');
      if (!flags.check) return writeRealm();
      if (realmIsCurrent()) return;
      console.error(
        'deploy/keycloak/dinner-rush-realm.json is stale: run `npm run keycloak:realm`',
      );
      process.exitCode = 1;
    });
}
