import { DEMO_PASSWORD, demoIdentities, type DemoIdentity } from './demo-identities';
import { realmClients, type RealmClient } from './realm-clients';
import { CLIENTS, REALM, REALM_ROLES, TOOLS_SERVICE_ACCOUNT_ID } from './realm-contract';

export interface RealmUser {
  id: string;
  username: string;
  enabled: true;
  emailVerified?: true;
  email?: string;
  firstName?: string;
  lastName?: string;
  serviceAccountClientId?: string;
  credentials?: { type: 'password'; value: string; temporary: false }[];
  requiredActions: [];
  realmRoles: string[];
}

export interface Realm {
  realm: string;
  displayName: string;
  enabled: true;
  sslRequired: 'external';
  registrationAllowed: false;
  resetPasswordAllowed: false;
  roles: { realm: { name: string; description: string }[] };
  clients: RealmClient[];
  users: RealmUser[];
}

const ROLE_DESCRIPTIONS: Record<(typeof REALM_ROLES)[number], string> = {
  customer: 'places orders and follows its own',
  merchant: 'sees the orders of its own restaurant (user id = catalogue merchant id)',
  operator: 'dead letters, replays, consumer controls and the dashboard',
};

/**
 * deploy/keycloak/dinner-rush-realm.json as data: the realm Keycloak imports
 * at boot in docker compose (`npm run keycloak:realm` rewrites the file).
 * Imported users get exactly the roles listed (no default roles), so a demo
 * user's `roles` claim is its one role.
 */
export function buildRealm(): Realm {
  return {
    realm: REALM,
    displayName: 'Dinner Rush (demo)',
    enabled: true,
    sslRequired: 'external',
    registrationAllowed: false,
    resetPasswordAllowed: false,
    roles: {
      realm: REALM_ROLES.map((name) => ({ name, description: ROLE_DESCRIPTIONS[name] })),
    },
    clients: realmClients(),
    users: [...demoIdentities().map(demoUser), toolsServiceAccount()],
  };
}

function demoUser(identity: DemoIdentity): RealmUser {
  return {
    id: identity.id,
    username: identity.username,
    enabled: true,
    emailVerified: true,
    email: `${identity.username}@dinner-rush.example`,
    firstName: identity.firstName,
    lastName: identity.lastName,
    credentials: [{ type: 'password', value: DEMO_PASSWORD, temporary: false }],
    requiredActions: [],
    realmRoles: [identity.role],
  };
}

/** The user behind the tools client's client_credentials tokens (Keycloak's naming). */
function toolsServiceAccount(): RealmUser {
  return {
    id: TOOLS_SERVICE_ACCOUNT_ID,
    username: `service-account-${CLIENTS.tools}`,
    enabled: true,
    serviceAccountClientId: CLIENTS.tools,
    requiredActions: [],
    realmRoles: ['operator'],
  };
}
