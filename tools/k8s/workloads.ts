import type { apps as appsGroup } from 'kubernetes-models';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import type { IProbe } from 'kubernetes-models/v1/Probe';
import type { IService } from 'kubernetes-models/v1/Service';
import { appLabels, NAMES, PART_OF } from './cluster-names';
import { appEnv } from './app-env';
import type { K8sApp } from './k8s-apps';
import {
  APP_RESOURCES,
  RESTRICTED_CONTAINER,
  RESTRICTED_POD,
  TMP_MOUNT,
  TMP_VOLUME,
} from './pod-security';

/** (Kubernetes' apps/v1 group, reached from the package root: lint keeps `apps/` paths for this repo's apps.) */
type IDeployment = appsGroup.v1.IDeployment;

/** order-service takes the HTTP traffic: two replicas, so a drain or a crash never stops intake. */
const API_REPLICAS = 2;

function component(app: K8sApp): string {
  if (app.consumer) return 'consumer';
  return app.database ? 'api' : 'dashboard';
}

const httpGet = (path: string, extra: Omit<IProbe, 'httpGet'>): IProbe => ({
  httpGet: { path, port: 'http' },
  timeoutSeconds: 3,
  ...extra,
});

/**
 * Readiness is GET /health (database and broker answer: libs/service-kit);
 * liveness is GET /health/live, which only says the process serves, so an
 * outage of PostgreSQL or RabbitMQ takes pods out of the Service without
 * restarting them. The dashboard's /health is already dependency-free.
 */
function probes(app: K8sApp): Record<'startupProbe' | 'readinessProbe' | 'livenessProbe', IProbe> {
  const live = app.database ? '/health/live' : '/health';
  return {
    startupProbe: httpGet(live, { periodSeconds: 2, failureThreshold: 60 }),
    readinessProbe: httpGet('/health', { periodSeconds: 5, failureThreshold: 2 }),
    livenessProbe: httpGet(live, { periodSeconds: 10, failureThreshold: 3 }),
  };
}

export function deployment(app: K8sApp, apps: readonly K8sApp[]): IDeployment {
  const labels = appLabels(app.name, component(app));
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: app.name, labels },
    spec: {
      // A consumer's replica count belongs to its ScaledObject (an applied count would fight it).
      ...(app.consumer ? {} : { replicas: app.database ? API_REPLICAS : 1 }),
      selector: { matchLabels: { 'app.kubernetes.io/name': app.name } },
      template: {
        metadata: { labels },
        spec: {
          securityContext: RESTRICTED_POD,
          containers: [
            {
              name: app.name,
              image: NAMES.image,
              imagePullPolicy: 'IfNotPresent',
              command: ['node', `dist/apps/${app.name}/src/main.js`],
              ports: [{ name: 'http', containerPort: app.port }],
              envFrom: [{ configMapRef: { name: NAMES.config } }],
              env: appEnv(app, apps),
              ...probes(app),
              resources: APP_RESOURCES,
              securityContext: RESTRICTED_CONTAINER,
              volumeMounts: [TMP_MOUNT],
            },
          ],
          volumes: [TMP_VOLUME],
        },
      },
    },
  };
}

export function service(app: K8sApp): IService {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: app.name, labels: { 'app.kubernetes.io/name': app.name, ...PART_OF } },
    spec: {
      selector: { 'app.kubernetes.io/name': app.name },
      ports: [{ name: 'http', port: app.port, targetPort: 'http' }],
    },
  };
}

/** At most one pod of an app down for a drain or an upgrade of a node, at any replica count. */
export function disruptionBudget(name: string): IPodDisruptionBudget {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name, labels: { 'app.kubernetes.io/name': name, ...PART_OF } },
    spec: { maxUnavailable: 1, selector: { matchLabels: { 'app.kubernetes.io/name': name } } },
  };
}
