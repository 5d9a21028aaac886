import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { RABBITMQ_IMAGE } from './backing-services';
import { REPOSITORY_SOURCES, type AppSources } from './k8s-apps';
import { K8S_DIR, LOCAL_SECRET_FILES, renderManifests } from './manifest-tree';
import { CHECKS, manifestErrors, textErrors } from './manifest-validation';

type Manifest = {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  spec: Record<string, unknown>;
  [key: string]: unknown;
};

const rendered = renderManifests();

/** Every document of a rendered tree, with the file it is in. */
function documents(files: Map<string, string>): { file: string; manifest: Manifest }[] {
  return [...files].flatMap(([file, text]) =>
    parseAllDocuments(text).map((doc) => ({ file, manifest: doc.toJS() as Manifest })),
  );
}

const find = (files: Map<string, string>, kind: string, name: string) =>
  documents(files).find((d) => d.manifest.kind === kind && d.manifest.metadata?.name === name)
    ?.manifest;

function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));
}

/** Whether a path exists in the rendered tree (kustomizations refer to their neighbours). */
const inTree = (files: Map<string, string>) => (path: string) => files.has(path);

describe('Kubernetes manifests, from the service map', () => {
  it('deploy/k8s is current (regenerate: npm run k8s:render)', () => {
    for (const [path, text] of rendered)
      expect({ path, text: readFileSync(join(K8S_DIR, path), 'utf8') }).toEqual({ path, text });
    const onDisk = filesUnder(K8S_DIR).filter((path) => !LOCAL_SECRET_FILES.includes(path));
    expect(onDisk.sort()).toEqual([...rendered.keys()].sort());
  });

  it('every rendered manifest validates against its Kubernetes or operator schema', () => {
    const errors = [...rendered].flatMap(([file, text]) =>
      textErrors(text, file, inTree(rendered)),
    );
    expect(errors).toEqual([]);
    // Each schema the validator knows is used, so none of them is dead weight.
    const kinds = new Set(
      documents(rendered).map((d) => `${d.manifest.apiVersion}/${d.manifest.kind}`),
    );
    expect([...kinds].filter((k) => !k.startsWith('kustomize')).sort()).toEqual(
      Object.keys(CHECKS).sort(),
    );
  });

  it('the validator rejects a broken manifest, an unknown field, an unknown kind and a missing file', () => {
    const ledger = find(rendered, 'Deployment', 'ledger') as Manifest;
    expect(manifestErrors({ ...ledger, spec: { ...ledger.spec, replicas: 'two' } }, 'x')).toEqual([
      expect.stringContaining('spec/replicas must be integer'),
    ]);
    const scaled = find(rendered, 'ScaledObject', 'ledger') as Manifest;
    expect(
      manifestErrors({ ...scaled, spec: { ...scaled.spec, triggers: [{ metadata: {} }] } }, 'x'),
    ).toEqual([expect.stringContaining('triggers/0 must have required property type')]);
    const rabbit = find(rendered, 'RabbitmqCluster', 'rabbitmq') as Manifest;
    expect(manifestErrors({ ...rabbit, spec: { ...rabbit.spec, replica: 3 } }, 'x')).toEqual([
      expect.stringContaining(
        'must NOT have additional properties {"additionalProperty":"replica"}',
      ),
    ]);
    expect(manifestErrors({ ...rabbit, spec: { ...rabbit.spec, replicas: 'three' } }, 'x')).toEqual(
      [expect.stringContaining('/spec/replicas must be integer')],
    );
    expect(manifestErrors({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress' }, 'x')).toEqual([
      'x: no schema for networking.k8s.io/v1/Ingress',
    ]);
    const base = parse(rendered.get('base/kustomization.yaml') ?? '') as Manifest;
    expect(
      manifestErrors(
        base,
        'base/kustomization.yaml',
        (path) => rendered.has(path) && path !== 'base/apps/ledger.yaml',
      ),
    ).toEqual(['base/kustomization.yaml: resource apps/ledger.yaml does not exist']);
    expect(textErrors('kind: [unclosed', 'y')).toEqual([expect.stringMatching(/^y: /)]);
  });

  it('every app: the same command as compose, probes, limits, a disruption budget, non-root', () => {
    const compose = parse(readFileSync('docker-compose.yml', 'utf8')) as {
      services: Record<string, { command?: string[]; image?: string }>;
    };
    expect(RABBITMQ_IMAGE).toBe(compose.services.rabbitmq?.image);
    for (const { name } of REPOSITORY_SOURCES.apps) {
      const deployment = find(rendered, 'Deployment', name) as Manifest;
      const pod = (
        deployment.spec.template as {
          spec: { containers: Record<string, unknown>[]; securityContext: object };
        }
      ).spec;
      const [container] = pod.containers;
      expect(container?.command).toEqual(compose.services[name]?.command);
      expect(container).toMatchObject({
        readinessProbe: { httpGet: { path: '/health' } },
        livenessProbe: { httpGet: { path: expect.stringMatching(/^\/health/) } },
        resources: { requests: expect.any(Object), limits: expect.any(Object) },
        securityContext: { readOnlyRootFilesystem: true, allowPrivilegeEscalation: false },
      });
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true });
      expect(find(rendered, 'Service', name)).toBeDefined();
      expect(find(rendered, 'PodDisruptionBudget', name)?.spec).toMatchObject({
        maxUnavailable: 1,
      });
    }
    expect(find(rendered, 'RabbitmqCluster', 'rabbitmq')?.spec).toMatchObject({ replicas: 3 });
    expect(find(rendered, 'Cluster', 'postgres')?.spec).toMatchObject({ instances: 2 });
  });

  it('every consumer scales on its own work queues; the others keep their replicas', () => {
    for (const { name, consumer } of REPOSITORY_SOURCES.apps) {
      const scaled = find(rendered, 'ScaledObject', name);
      if (!consumer) {
        expect([name, scaled]).toEqual([name, undefined]);
        continue;
      }
      const triggers = scaled?.spec.triggers as { metadata: Record<string, string> }[];
      expect(triggers.map((t) => t.metadata.queueName)).toContain(`${name}.orders`);
      for (const { metadata } of triggers) expect(metadata).toMatchObject({ mode: 'QueueLength' });
      expect(find(rendered, 'Deployment', name)?.spec.replicas).toBeUndefined();
    }
  });

  it('a new entry in the service map (what new:consumer registers) gets all its manifests', () => {
    const sources: AppSources = {
      apps: [...REPOSITORY_SOURCES.apps, { name: 'loyalty-points', port: 3010, consumer: true }],
      schemas: { ...REPOSITORY_SOURCES.schemas, 'loyalty-points': 'loyalty_points' },
      queues: [...REPOSITORY_SOURCES.queues, 'loyalty-points.orders'],
    };
    const files = renderManifests(sources);
    expect(files.get('base/kustomization.yaml')).toContain('apps/loyalty-points.yaml');
    const deployment = JSON.stringify(find(files, 'Deployment', 'loyalty-points'));
    expect(deployment).toContain('dist/apps/loyalty-points/src/main.js');
    expect(deployment).toContain('postgresql://loyalty_points:$(LOYALTY_POINTS_DB_PASSWORD)@');
    expect(deployment).toContain('amqp://loyalty-points:$(LOYALTY_POINTS_RABBITMQ_PASSWORD)@');
    expect(find(files, 'ScaledObject', 'loyalty-points')?.spec.triggers).toEqual([
      expect.objectContaining({
        metadata: expect.objectContaining({ queueName: 'loyalty-points.orders' }),
      }),
    ]);
    expect(JSON.stringify(find(files, 'Job', 'db-setup'))).toContain('LOYALTY_POINTS_DB_PASSWORD');
    expect(JSON.stringify(find(files, 'RabbitmqCluster', 'rabbitmq'))).toContain(
      'LOYALTY_POINTS_RABBITMQ_PASSWORD',
    );
    expect(JSON.stringify(find(files, 'Deployment', 'dashboard'))).toContain(
      '"SERVICE_URLS","value":"loyalty-points=http://loyalty-points:3010"',
    );
    expect([...files].flatMap(([file, text]) => textErrors(text, file, inTree(files)))).toEqual([]);
  });

  it('refuses a consumer with no queue of its own in the registry', () => {
    const sources: AppSources = {
      ...REPOSITORY_SOURCES,
      apps: [...REPOSITORY_SOURCES.apps, { name: 'loyalty-points', port: 3010, consumer: true }],
      schemas: { ...REPOSITORY_SOURCES.schemas, 'loyalty-points': 'loyalty_points' },
    };
    expect(() => renderManifests(sources)).toThrow(/loyalty-points needs a schema and a queue/);
  });

  it('the external-db overlay replaces settings the shared ConfigMap has (a JSON patch replace needs them)', () => {
    const overlay = parse(rendered.get('overlays/external-db/kustomization.yaml') ?? '') as {
      patches: { target: { kind: string; name: string }; patch: string }[];
    };
    const [only] = overlay.patches;
    const target = find(rendered, only?.target.kind ?? '', only?.target.name ?? '');
    const data = (target?.data ?? {}) as Record<string, string>;
    const ops = parse(only?.patch ?? '') as { op: string; path: string }[];
    expect(ops.length).toBeGreaterThan(0);
    for (const { op, path } of ops) {
      expect(op).toBe('replace');
      expect(Object.keys(data)).toContain(path.replace(/^\/data\//, ''));
    }
  });

  it('the local overlay reads its secrets from files that git ignores', () => {
    const ignored = readFileSync('.gitignore', 'utf8');
    expect(ignored).toContain('deploy/k8s/overlays/local/*.env');
    for (const file of LOCAL_SECRET_FILES) expect(file).toMatch(/^overlays\/local\/[^/]+\.env$/);
    expect(existsSync(join(K8S_DIR, 'overlays/local/kustomization.yaml'))).toBe(true);
  });
});
