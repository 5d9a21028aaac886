import type { IScaledObject } from '@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject';
import type { ITriggerAuthentication } from '@kubernetes-models/keda/keda.sh/v1alpha1/TriggerAuthentication';
import { NAMES, PART_OF } from './cluster-names';
import type { K8sApp } from './k8s-apps';

/** Messages waiting per replica before KEDA adds one (a consumer applies PREFETCH=100 at a time). */
export const MESSAGES_PER_REPLICA = 500;
export const MAX_REPLICAS = 10;

/**
 * How KEDA reads queue depth: RabbitMQ's management API as the monitor user
 * (monitoring tag, no AMQP rights), whose URL with password is the `host` key
 * of a Secret (docs/deploying.md shows how to make it).
 */
export function monitorTriggerAuthentication(): ITriggerAuthentication {
  return {
    apiVersion: 'keda.sh/v1alpha1',
    kind: 'TriggerAuthentication',
    metadata: { name: NAMES.kedaAuth, labels: { ...PART_OF } },
    spec: { secretTargetRef: [{ parameter: 'host', name: NAMES.kedaSecret, key: 'host' }] },
  };
}

/**
 * A consumer scaled on the depth of each work queue it owns: at least one
 * replica (it also answers HTTP, and rider-assignment quotes over RPC), one
 * more per MESSAGES_PER_REPLICA waiting, up to MAX_REPLICAS.
 */
export function scaledObject(app: K8sApp): IScaledObject {
  return {
    apiVersion: 'keda.sh/v1alpha1',
    kind: 'ScaledObject',
    metadata: { name: app.name, labels: { 'app.kubernetes.io/name': app.name, ...PART_OF } },
    spec: {
      scaleTargetRef: { name: app.name },
      minReplicaCount: 1,
      maxReplicaCount: MAX_REPLICAS,
      triggers: app.queues.map((queue) => ({
        type: 'rabbitmq',
        metadata: {
          protocol: 'http',
          vhostName: '/',
          queueName: queue,
          mode: 'QueueLength',
          value: String(MESSAGES_PER_REPLICA),
        },
        authenticationRef: { name: NAMES.kedaAuth },
      })),
    },
  };
}
