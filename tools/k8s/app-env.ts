import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IEnvVar } from 'kubernetes-models/v1/EnvVar';
// eslint-disable-next-line no-restricted-imports -- tooling reads the dashboard's settings (as broker-services reads each app's)
import { dashboardEnvSchema } from '../../apps/dashboard/src/config';
import { passwordVariable } from '../broker-credentials';
import { MONITOR_USER } from '../broker-definitions-builder';
import { NAMES, PART_OF } from './cluster-names';
import type { K8sApp } from './k8s-apps';

/**
 * What every container shares, as compose's x-env: production mode, topology
 * and users from the broker definitions, migrations already applied by the
 * db-setup Job; and where PostgreSQL and RabbitMQ are (an external database is
 * a different DATABASE_HOST: overlays/external-db).
 */
export function sharedConfig(): IConfigMap {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: NAMES.config, labels: { ...PART_OF } },
    data: {
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      RABBITMQ_TOPOLOGY: 'provisioned',
      MIGRATE_ON_START: 'false',
      DATABASE_HOST: `${NAMES.postgres}-rw`,
      DATABASE_PORT: '5432',
      DATABASE_NAME: 'dinner_rush',
      RABBITMQ_HOST: NAMES.rabbitmq,
      RABBITMQ_PORT: '5672',
      RABBITMQ_MANAGEMENT_PORT: '15672',
      // Every route checks a JWT from this OpenID provider (docs/auth.md): Keycloak with the
      // realm in deploy/keycloak, reachable in the cluster under this name; or set your own.
      OIDC_ISSUER: 'http://keycloak:8080/realms/dinner-rush',
      OIDC_AUDIENCE: 'dinner-rush',
    },
  };
}

/** A password from the secrets, under its .env name (so a URL below can use it as `$(NAME)`). */
export function secretEnv(key: string, name = key): IEnvVar {
  return { name, valueFrom: { secretKeyRef: { name: NAMES.secrets, key } } };
}

/**
 * The app's own variables: its port, and its DATABASE_URL and RABBITMQ_URL as
 * its own role and user, assembled by Kubernetes from the shared settings and
 * its password (`$(VAR)` expands variables defined before it). Passwords must
 * be URL-safe, as for compose (.env.example).
 */
export function appEnv(app: K8sApp, apps: readonly K8sApp[]): IEnvVar[] {
  const env: IEnvVar[] = [{ name: 'PORT', value: String(app.port) }];
  if (app.database)
    env.push(secretEnv(app.database.passwordKey), {
      name: 'DATABASE_URL',
      value: `postgresql://${app.database.role}:$(${app.database.passwordKey})@$(DATABASE_HOST):$(DATABASE_PORT)/$(DATABASE_NAME)`,
    });
  if (app.broker)
    env.push(secretEnv(app.broker.passwordKey), {
      name: 'RABBITMQ_URL',
      value: `amqp://${app.broker.user}:$(${app.broker.passwordKey})@$(RABBITMQ_HOST):$(RABBITMQ_PORT)`,
    });
  if (!app.database) env.push(...dashboardEnv(), ...dashboardServiceUrls(apps));
  return env;
}

/** The dashboard's view of the others: every app's Service, and RabbitMQ as the monitor user. */
function dashboardEnv(): IEnvVar[] {
  const monitorKey = passwordVariable(MONITOR_USER, 'RABBITMQ');
  return [
    // The dashboard fetches its own operator token as the tools client (docs/auth.md).
    {
      name: 'OIDC_TOOLS_CLIENT_SECRET',
      valueFrom: {
        secretKeyRef: { name: NAMES.secrets, key: 'OIDC_TOOLS_CLIENT_SECRET', optional: true },
      },
    },
    secretEnv(monitorKey),
    {
      name: 'RABBITMQ_URL',
      value: `amqp://${MONITOR_USER}:$(${monitorKey})@$(RABBITMQ_HOST):$(RABBITMQ_PORT)`,
    },
    {
      name: 'RABBITMQ_MANAGEMENT_URL',
      value: 'http://$(RABBITMQ_HOST):$(RABBITMQ_MANAGEMENT_PORT)',
    },
    { name: 'RABBITMQ_MANAGEMENT_USER', value: MONITOR_USER },
    { name: 'RABBITMQ_MANAGEMENT_PASSWORD', value: `$(${monitorKey})` },
  ];
}

/**
 * Where the dashboard finds each other app: its own `<APP>_URL` setting where
 * it has one, SERVICE_URLS for the rest (a scaffolded consumer).
 */
function dashboardServiceUrls(apps: readonly K8sApp[]): IEnvVar[] {
  const others = apps.filter((a) => a.database);
  const urlOf = (a: K8sApp) => `http://${a.name}:${a.port}`;
  const variable = (a: K8sApp) => `${a.name.toUpperCase().replace(/-/g, '_')}_URL`;
  const own = others.filter((a) => variable(a) in dashboardEnvSchema.shape);
  const rest = others.filter((a) => !own.includes(a));
  return [
    ...own.map((a) => ({ name: variable(a), value: urlOf(a) })),
    ...(rest.length > 0
      ? [{ name: 'SERVICE_URLS', value: rest.map((a) => `${a.name}=${urlOf(a)}`).join(',') }]
      : []),
  ];
}
