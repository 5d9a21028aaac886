import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ScaledObject, TriggerAuthentication } from '@kubernetes-models/keda/keda.sh/v1alpha1';
import { Cluster } from '@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1';
import Ajv, { type ValidateFunction } from 'ajv';
// eslint-disable-next-line no-restricted-imports -- Kubernetes' apps/v1 API group, not one of this repository's apps
import { Deployment } from 'kubernetes-models/apps/v1';
import { Job } from 'kubernetes-models/batch/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Service } from 'kubernetes-models/v1';
import { parse, parseAllDocuments } from 'yaml';

/** Something that checks one manifest and throws naming what is wrong. */
type Check = (manifest: Record<string, unknown>) => void;

const model =
  (Kind: new (data: never) => { validate(): void }): Check =>
  (manifest) =>
    new Kind(manifest as never).validate();

const CRD_DIR = join(__dirname, 'crds');

/**
 * A CRD's schema as the API server applies it with strict field validation
 * (kubectl's default): a field the schema does not name is an error, unless
 * the schema says unknown fields are kept.
 */
function strict(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(strict);
  if (!schema || typeof schema !== 'object') return schema;
  const copy = Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, strict(v)]));
  if (
    copy.properties &&
    copy.additionalProperties === undefined &&
    !copy['x-kubernetes-preserve-unknown-fields']
  )
    copy.additionalProperties = false;
  return copy;
}

function crdCheck(file: string, version: string): Check {
  let validate: ValidateFunction | undefined;
  return (manifest) => {
    if (!validate) {
      const crd = parse(readFileSync(join(CRD_DIR, file), 'utf8')) as {
        spec: { versions: { name: string; schema: { openAPIV3Schema: object } }[] };
      };
      const served = crd.spec.versions.find((v) => v.name === version);
      if (!served) throw new Error(`${file} has no version ${version}`);
      // strict: false lets Ajv pass over the x-kubernetes-* annotations; formats are OpenAPI's.
      const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
      validate = ajv.compile(strict(served.schema.openAPIV3Schema) as object);
    }
    if (!validate(manifest))
      throw new Error(
        (validate.errors ?? [])
          .map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`)
          .join('; '),
      );
  };
}

/**
 * Every kind the generator writes, by `apiVersion/kind`: core kinds against
 * Kubernetes' OpenAPI schemas (kubernetes-models), KEDA and CloudNativePG
 * against their CRDs (@kubernetes-models/keda, /cloudnative-pg), and
 * RabbitmqCluster against the Cluster Operator's CRD (tools/k8s/crds). A kind
 * missing here is an error, never skipped.
 */
export const CHECKS: Record<string, Check> = {
  'v1/ConfigMap': model(ConfigMap),
  'v1/Service': model(Service),
  'apps/v1/Deployment': model(Deployment),
  'batch/v1/Job': model(Job),
  'policy/v1/PodDisruptionBudget': model(PodDisruptionBudget),
  'keda.sh/v1alpha1/ScaledObject': model(ScaledObject),
  'keda.sh/v1alpha1/TriggerAuthentication': model(TriggerAuthentication),
  'postgresql.cnpg.io/v1/Cluster': model(Cluster),
  'rabbitmq.com/v1beta1/RabbitmqCluster': crdCheck('rabbitmq.com_rabbitmqclusters.yaml', 'v1beta1'),
};

const KUSTOMIZATION_FIELDS = new Set([
  'apiVersion',
  'kind',
  'resources',
  'patches',
  'generatorOptions',
  'secretGenerator',
]);

/**
 * A kustomization.yaml (not an API object): only the fields the generator
 * uses, and every resource it lists exists (a file, or a folder with its own
 * kustomization.yaml). Files in `optional` (hand-made secrets) may be absent.
 */
function checkKustomization(
  manifest: Record<string, unknown>,
  file: string,
  exists: (path: string) => boolean,
): string[] {
  const errors = Object.keys(manifest)
    .filter((key) => !KUSTOMIZATION_FIELDS.has(key))
    .map((key) => `unknown Kustomization field ${key}`);
  for (const resource of (manifest.resources as string[] | undefined) ?? []) {
    const path = join(dirname(file), resource);
    if (!exists(path) && !exists(join(path, 'kustomization.yaml')))
      errors.push(`resource ${resource} does not exist`);
  }
  return errors;
}

/** What is wrong with one document of a file (empty: nothing). */
export function manifestErrors(
  manifest: unknown,
  file: string,
  exists: (path: string) => boolean = existsSync,
): string[] {
  if (!manifest || typeof manifest !== 'object') return [`${file}: not a mapping`];
  const m = manifest as Record<string, unknown>;
  const id = `${String(m.apiVersion)}/${String(m.kind)}`;
  if (id === 'kustomize.config.k8s.io/v1beta1/Kustomization')
    return checkKustomization(m, file, exists).map((e) => `${file}: ${e}`);
  const check = CHECKS[id];
  if (!check) return [`${file}: no schema for ${id}`];
  try {
    check(m);
    return [];
  } catch (error) {
    const name = (m.metadata as { name?: string } | undefined)?.name ?? '?';
    return [`${file}: ${id} ${name}: ${error instanceof Error ? error.message : String(error)}`];
  }
}

/** Every document of a YAML text, parse errors included. */
export function textErrors(
  text: string,
  file: string,
  exists: (path: string) => boolean = existsSync,
): string[] {
  return parseAllDocuments(text).flatMap((doc) =>
    doc.errors.length > 0
      ? doc.errors.map((e) => `${file}: ${e.message}`)
      : manifestErrors(doc.toJS(), file, exists),
  );
}
