import {
  AUDIENCE,
  CLIENTS,
  DASHBOARD_ORIGIN,
  ROLES_CLAIM,
  TOOLS_SECRET_VARIABLE,
} from './realm-contract';

export interface ProtocolMapper {
  name: string;
  protocol: 'openid-connect';
  protocolMapper: string;
  consentRequired: false;
  config: Record<string, string>;
}

export interface RealmClient {
  clientId: string;
  name: string;
  enabled: true;
  protocol: 'openid-connect';
  publicClient: boolean;
  secret?: string;
  serviceAccountsEnabled: boolean;
  standardFlowEnabled: boolean;
  implicitFlowEnabled: false;
  directAccessGrantsEnabled: boolean;
  redirectUris?: string[];
  webOrigins?: string[];
  attributes?: Record<string, string>;
  protocolMappers: ProtocolMapper[];
}

/**
 * The claims every Dinner Rush token needs, on each client. They sit on the
 * clients rather than in a realm client scope on purpose: a realm file that
 * declares any `clientScopes` gets none of Keycloak's built-in ones, and the
 * built-in `basic` scope is what writes `sub` into access tokens (Keycloak 25+).
 * Leaving the clients' scopes unset gives them the realm defaults, `basic` among them.
 */
export function tokenMappers(): ProtocolMapper[] {
  return [
    {
      name: 'dinner-rush audience',
      protocol: 'openid-connect',
      protocolMapper: 'oidc-audience-mapper',
      consentRequired: false,
      config: {
        'included.custom.audience': AUDIENCE,
        'access.token.claim': 'true',
        'introspection.token.claim': 'true',
        'id.token.claim': 'false',
      },
    },
    {
      name: 'realm roles as roles',
      protocol: 'openid-connect',
      protocolMapper: 'oidc-usermodel-realm-role-mapper',
      consentRequired: false,
      config: {
        'claim.name': ROLES_CLAIM,
        multivalued: 'true',
        'jsonType.label': 'String',
        'access.token.claim': 'true',
        'introspection.token.claim': 'true',
        'id.token.claim': 'true',
        'userinfo.token.claim': 'true',
      },
    },
  ];
}

const base = {
  enabled: true,
  protocol: 'openid-connect',
  implicitFlowEnabled: false,
} as const;

export function realmClients(): RealmClient[] {
  return [
    {
      clientId: CLIENTS.tools,
      name: 'Dinner Rush tools (dashboard, CLI)',
      ...base,
      publicClient: false,
      secret: `\${${TOOLS_SECRET_VARIABLE}}`,
      serviceAccountsEnabled: true,
      standardFlowEnabled: false,
      directAccessGrantsEnabled: false,
      protocolMappers: tokenMappers(),
    },
    {
      clientId: CLIENTS.cli,
      name: 'Dinner Rush CLI and curl (demo users)',
      ...base,
      publicClient: true,
      serviceAccountsEnabled: false,
      standardFlowEnabled: false,
      directAccessGrantsEnabled: true,
      protocolMappers: tokenMappers(),
    },
    {
      clientId: CLIENTS.dashboard,
      name: 'Dinner Rush dashboard (browser login)',
      ...base,
      publicClient: true,
      serviceAccountsEnabled: false,
      standardFlowEnabled: true,
      directAccessGrantsEnabled: false,
      redirectUris: [`${DASHBOARD_ORIGIN}/*`],
      webOrigins: [DASHBOARD_ORIGIN],
      attributes: {
        'pkce.code.challenge.method': 'S256',
        'post.logout.redirect.uris': `${DASHBOARD_ORIGIN}/*`,
      },
      protocolMappers: tokenMappers(),
    },
  ];
}
