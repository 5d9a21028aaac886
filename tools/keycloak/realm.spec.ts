import { readFileSync } from 'node:fs';
// eslint-disable-next-line no-restricted-imports -- the realm is checked against the catalogue it is generated from
import { DEMO_CATALOGUE } from '../../apps/order-service/src/catalogue/demo-catalogue';
import { DEMO_CUSTOMER_COUNT, DEMO_PASSWORD } from './demo-identities';
import type { Realm, RealmUser } from './realm-builder';
import {
  AUDIENCE,
  CLIENTS,
  REALM,
  REALM_ROLES,
  ROLES_CLAIM,
  TOOLS_SECRET_VARIABLE,
} from './realm-contract';
import { committedRealm, currentRealm, REALM_FILE } from './realm-file';

/**
 * deploy/keycloak/dinner-rush-realm.json, the realm Keycloak imports in compose:
 * current with the code and the demo catalogue, and consistent in itself (every
 * role, client and mapper the token contract in docs/auth.md needs is there).
 * No Keycloak runs here, so this reads the file the way Keycloak's import does.
 */
const realm = committedRealm() as Realm;
const client = (clientId: string) => realm.clients.find((c) => c.clientId === clientId);
const withRole = (role: string) => realm.users.filter((u) => u.realmRoles.includes(role));
const people = realm.users.filter((u) => !u.serviceAccountClientId);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/**
 * Keycloak's person-name-prohibited-characters rule (its default user profile checks first and
 * last name at each login): a merchant named "Pizza & Co" would stop at "update profile".
 */
const PERSON_NAME = /^[^<>&"\v$%!#?§;*~/\\|^=[\]{}()\p{Cc}]+$/u;

describe('the Keycloak realm for docker compose', () => {
  it('the committed file is current (else run `npm run keycloak:realm`)', () => {
    expect(committedRealm()).toEqual(currentRealm());
  });

  it('is the dinner-rush realm with exactly the three realm roles', () => {
    expect(realm.realm).toBe(REALM);
    expect(realm.enabled).toBe(true);
    expect(realm.roles.realm.map((r) => r.name).sort()).toEqual([...REALM_ROLES].sort());
  });

  it('every role and client a user names exists', () => {
    const roles = new Set(realm.roles.realm.map((r) => r.name));
    for (const user of realm.users) {
      expect([user.username, user.realmRoles.every((r) => roles.has(r))]).toEqual([
        user.username,
        true,
      ]);
      if (user.serviceAccountClientId)
        expect(client(user.serviceAccountClientId)?.serviceAccountsEnabled).toBe(true);
    }
  });

  it('every client puts aud dinner-rush and a top-level roles claim in access tokens', () => {
    for (const { clientId, protocolMappers } of realm.clients) {
      const audience = protocolMappers.find((m) => m.protocolMapper === 'oidc-audience-mapper');
      expect([clientId, audience?.config]).toEqual([
        clientId,
        expect.objectContaining({
          'included.custom.audience': AUDIENCE,
          'access.token.claim': 'true',
        }),
      ]);
      const roles = protocolMappers.find(
        (m) => m.protocolMapper === 'oidc-usermodel-realm-role-mapper',
      );
      expect([clientId, roles?.config]).toEqual([
        clientId,
        expect.objectContaining({
          'claim.name': ROLES_CLAIM,
          multivalued: 'true',
          'access.token.claim': 'true',
        }),
      ]);
    }
  });

  it('keeps Keycloak’s built-in client scopes (the basic scope writes sub)', () => {
    // Declaring any clientScopes, or a client's default scopes, drops the built-in ones.
    expect(realm).not.toHaveProperty('clientScopes');
    for (const c of realm.clients) expect(c).not.toHaveProperty('defaultClientScopes');
  });

  it('tools: confidential, client_credentials only, its service account is an operator', () => {
    const tools = client(CLIENTS.tools);
    expect(tools).toMatchObject({
      publicClient: false,
      serviceAccountsEnabled: true,
      standardFlowEnabled: false,
      directAccessGrantsEnabled: false,
      secret: `\${${TOOLS_SECRET_VARIABLE}}`,
    });
    const [account, ...others] = realm.users.filter(
      (u) => u.serviceAccountClientId === CLIENTS.tools,
    );
    expect(others).toEqual([]);
    expect(account?.realmRoles).toEqual(['operator']);
  });

  it('cli: public, password grant for the demo users', () => {
    expect(client(CLIENTS.cli)).toMatchObject({
      publicClient: true,
      directAccessGrantsEnabled: true,
      serviceAccountsEnabled: false,
    });
  });

  it('the only placeholder Keycloak resolves at import is the tools secret', () => {
    const placeholders = readFileSync(REALM_FILE, 'utf8').match(/\$\{[^}]*\}/g);
    expect(placeholders).toEqual([`\${${TOOLS_SECRET_VARIABLE}}`]);
  });

  it('customer-01..20 with fixed, distinct UUIDs', () => {
    const customers = withRole('customer');
    expect(customers.map((u) => u.username)).toEqual(
      Array.from(
        { length: DEMO_CUSTOMER_COUNT },
        (_, i) => `customer-${String(i + 1).padStart(2, '0')}`,
      ),
    );
    for (const { id } of customers) expect(id).toMatch(UUID);
    expect(new Set(customers.map((u) => u.id)).size).toBe(DEMO_CUSTOMER_COUNT);
  });

  it('one merchant login per catalogue merchant, its user id the merchant id', () => {
    const merchants = withRole('merchant');
    expect(merchants.map((u) => u.id).sort()).toEqual(DEMO_CATALOGUE.map((m) => m.id).sort());
    // Keycloak stores user ids in a VARCHAR(36) column.
    for (const { id } of merchants) expect(id.length).toBeLessThanOrEqual(36);
  });

  it('one operator, and every user has exactly one role', () => {
    expect(withRole('operator').filter((u) => !u.serviceAccountClientId)).toHaveLength(1);
    for (const user of realm.users) expect(user.realmRoles).toHaveLength(1);
  });

  it('demo users log in with the password grant at once: verified, profile complete, no actions', () => {
    for (const user of people)
      expect([user.username, loginReadiness(user)]).toEqual([
        user.username,
        { enabled: true, emailVerified: true, profileComplete: true, requiredActions: [] },
      ]);
    for (const user of people)
      expect(user.credentials).toEqual([
        { type: 'password', value: DEMO_PASSWORD, temporary: false },
      ]);
  });

  it('ids and usernames are unique, usernames lower case (Keycloak lower-cases them)', () => {
    expect(new Set(realm.users.map((u) => u.id)).size).toBe(realm.users.length);
    expect(new Set(realm.users.map((u) => u.username)).size).toBe(realm.users.length);
    for (const { username } of realm.users) expect(username).toBe(username.toLowerCase());
  });
});

function loginReadiness(user: RealmUser) {
  return {
    enabled: user.enabled,
    emailVerified: user.emailVerified,
    profileComplete:
      /^[^@\s]+@[^@\s]+\.[a-z]+$/.test(user.email ?? '') &&
      [user.firstName, user.lastName].every((name) => PERSON_NAME.test(name ?? '')),
    requiredActions: user.requiredActions,
  };
}
