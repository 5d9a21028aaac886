import type { ICluster } from '@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1/Cluster';
import type { IJob } from 'kubernetes-models/batch/v1/Job';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import { secretEnv } from './app-env';
import { NAMES, PART_OF } from './cluster-names';
import type { K8sApp } from './k8s-apps';
import {
  APP_RESOURCES,
  RESTRICTED_CONTAINER,
  RESTRICTED_POD,
  TMP_MOUNT,
  TMP_VOLUME,
} from './pod-security';

/** The broker image compose runs (docker-compose.yml), so both deployments run one RabbitMQ. */
export const RABBITMQ_IMAGE = 'rabbitmq:4.3-management-alpine';
const DEFINITIONS_DIR = '/etc/rabbitmq/definitions';

/** The part of rabbitmq.com/v1beta1 RabbitmqCluster used here (CRD: tools/k8s/crds). */
export interface RabbitmqCluster {
  apiVersion: 'rabbitmq.com/v1beta1';
  kind: 'RabbitmqCluster';
  metadata: { name: string; labels?: Record<string, string> };
  spec: {
    replicas: number;
    image: string;
    resources: IContainer['resources'];
    persistence: { storage: string };
    rabbitmq: { additionalConfig: string };
    override: { statefulSet: { spec: { template: { spec: Partial<IPodSpec> } } } };
  };
}

/** The CLI in the project's image, as a one-shot container (compose's db-setup and broker-definitions). */
function toolContainer(name: string, args: string[], env: IContainer['env']): IContainer {
  return {
    name,
    image: NAMES.image,
    imagePullPolicy: 'IfNotPresent',
    command: ['node', 'dist/tools/cli/main.js', ...args],
    envFrom: [{ configMapRef: { name: NAMES.config } }],
    env,
    resources: APP_RESOURCES,
    securityContext: { ...RESTRICTED_CONTAINER, runAsNonRoot: true, runAsUser: 1000 },
    volumeMounts: [TMP_MOUNT],
  };
}

/**
 * Three RabbitMQ nodes (Cluster Operator) provisioned at boot like compose's:
 * an init container renders deploy/rabbitmq/definitions.json with password
 * hashes from the secrets (`broker:definitions --render`) into a volume each
 * node loads (`load_definitions`). So the broker comes up with its topology,
 * per-service users and permissions, and never creates a default user.
 */
export function rabbitmqCluster(apps: readonly K8sApp[]): RabbitmqCluster {
  const passwords = [
    'RABBITMQ_USER',
    'RABBITMQ_PASSWORD',
    'MONITOR_RABBITMQ_PASSWORD',
    ...apps.flatMap((a) => (a.broker ? [a.broker.passwordKey] : [])),
  ];
  const render = toolContainer(
    'broker-definitions',
    ['broker:definitions', '--render', `${DEFINITIONS_DIR}/definitions.json`],
    passwords.map((key) => secretEnv(key)),
  );
  const definitionsMount = { name: 'definitions', mountPath: DEFINITIONS_DIR };
  return {
    apiVersion: 'rabbitmq.com/v1beta1',
    kind: 'RabbitmqCluster',
    metadata: { name: NAMES.rabbitmq, labels: { ...PART_OF } },
    spec: {
      replicas: 3,
      image: RABBITMQ_IMAGE,
      resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } },
      persistence: { storage: '5Gi' },
      rabbitmq: {
        additionalConfig: [
          `load_definitions = ${DEFINITIONS_DIR}/definitions.json`,
          'loopback_users.guest = true',
          'cluster_partition_handling = pause_minority',
          '',
        ].join('\n'),
      },
      override: {
        statefulSet: {
          spec: {
            template: {
              spec: {
                initContainers: [
                  { ...render, volumeMounts: [...(render.volumeMounts ?? []), definitionsMount] },
                ],
                containers: [
                  { name: 'rabbitmq', volumeMounts: [{ ...definitionsMount, readOnly: true }] },
                ],
                volumes: [TMP_VOLUME, { name: 'definitions', emptyDir: {} }],
              },
            },
          },
        },
      },
    },
  };
}

/**
 * PostgreSQL through CloudNativePG: a primary and a streaming replica, the
 * pipeline's database, and the superuser secret the db-setup Job uses to
 * create each service's role. (overlays/external-db replaces it with a DSN.)
 */
export function postgresCluster(): ICluster {
  return {
    apiVersion: 'postgresql.cnpg.io/v1',
    kind: 'Cluster',
    metadata: { name: NAMES.postgres, labels: { ...PART_OF } },
    spec: {
      instances: 2,
      enableSuperuserAccess: true,
      bootstrap: { initdb: { database: 'dinner_rush', owner: 'dinner' } },
      storage: { size: '5Gi' },
      resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { memory: '1Gi' } },
    },
  };
}

/**
 * Compose's db-setup as a Job: one login role per service owning its schema,
 * then each service's migrations as that role (`db:roles --migrate`),
 * connected as the database's administrator (CloudNativePG's superuser
 * secret, or the one made for an external database). Retried until the
 * database answers.
 */
export function dbSetupJob(apps: readonly K8sApp[]): IJob {
  const admin = (key: string, name: string) => ({
    name,
    valueFrom: { secretKeyRef: { name: NAMES.postgresAdminSecret, key } },
  });
  const container = toolContainer(
    NAMES.dbSetup,
    ['db:roles', '--migrate'],
    [
      admin('username', 'DATABASE_ADMIN_USER'),
      admin('password', 'DATABASE_ADMIN_PASSWORD'),
      {
        name: 'DATABASE_ADMIN_URL',
        value:
          'postgresql://$(DATABASE_ADMIN_USER):$(DATABASE_ADMIN_PASSWORD)@$(DATABASE_HOST):$(DATABASE_PORT)/$(DATABASE_NAME)',
      },
      ...apps.flatMap((a) => (a.database ? [secretEnv(a.database.passwordKey)] : [])),
    ],
  );
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: NAMES.dbSetup,
      labels: { 'app.kubernetes.io/name': NAMES.dbSetup, ...PART_OF },
    },
    spec: {
      backoffLimit: 20,
      template: {
        metadata: { labels: { 'app.kubernetes.io/name': NAMES.dbSetup, ...PART_OF } },
        spec: {
          restartPolicy: 'OnFailure',
          securityContext: RESTRICTED_POD,
          containers: [container],
          volumes: [TMP_VOLUME],
        },
      },
    },
  };
}
