/**
 * Names the generated manifests share. The broker and database keep the host
 * names compose uses (`rabbitmq`; CloudNativePG's read-write service of a
 * Cluster named `postgres` is `postgres-rw`).
 */
export const NAMES = {
  /** The one image of every service and tool (the repository's Dockerfile). */
  image: 'dinner-rush:local',
  /** Settings every container shares: where the broker and database are, production mode. */
  config: 'dinner-rush-config',
  /** The passwords, keyed like .env (`<SERVICE>_DB_PASSWORD`, `<SERVICE>_RABBITMQ_PASSWORD`, …). */
  secrets: 'dinner-rush-secrets',
  /** KEDA's connection to the management API as the monitor user (key `host`). */
  kedaSecret: 'dinner-rush-keda-rabbitmq',
  kedaAuth: 'rabbitmq-monitor',
  rabbitmq: 'rabbitmq',
  postgres: 'postgres',
  /** CloudNativePG's superuser secret for a Cluster named `postgres` (keys username, password). */
  postgresAdminSecret: 'postgres-superuser',
  dbSetup: 'db-setup',
} as const;

export const PART_OF = { 'app.kubernetes.io/part-of': 'dinner-rush' } as const;

/** Labels of one app's pods (the selector is the name label alone). */
export function appLabels(name: string, component: string): Record<string, string> {
  return { 'app.kubernetes.io/name': name, 'app.kubernetes.io/component': component, ...PART_OF };
}
