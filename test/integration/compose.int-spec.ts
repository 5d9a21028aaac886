import { existsSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { loadConfig } from '@dinner-rush/service-kit';
import { parse } from 'yaml';
import type { z } from 'zod';
/* eslint-disable no-restricted-imports -- this test checks compose against each app's own config schema */
import { customerNotifyEnvSchema } from '../../apps/customer-notify/src/config';
import { dashboardEnvSchema } from '../../apps/dashboard/src/config';
import { ledgerEnvSchema } from '../../apps/ledger/src/config';
import { merchantNotifyEnvSchema } from '../../apps/merchant-notify/src/config';
import { orderServiceEnvSchema } from '../../apps/order-service/src/config';
import { riderAssignmentEnvSchema } from '../../apps/rider-assignment/src/config';
/* eslint-enable no-restricted-imports */
import { passwordVariable } from '../../tools/broker-credentials';
import { MONITOR_USER } from '../../tools/broker-definitions-builder';
import { roleName } from '../../tools/db-roles-sql';
import { AUDIENCE, REALM, TOOLS_SECRET_VARIABLE } from '../../tools/keycloak/realm-contract';
import { REALM_FILE } from '../../tools/keycloak/realm-file';
import { SERVICE_SCHEMAS, type ServiceName } from '../../tools/services';

/**
 * docker-compose.yml checked against the code without Docker: each app's
 * environment passes its own config schema in production mode, build contexts
 * and the scripts commands run exist, ports and URLs line up, every secret is
 * required from .env (no defaults, no guest), and consumers can be scaled.
 */
const ROOT = join(__dirname, '../..');
const SCHEMAS: Record<string, z.ZodObject> = {
  'order-service': orderServiceEnvSchema,
  'rider-assignment': riderAssignmentEnvSchema,
  'merchant-notify': merchantNotifyEnvSchema,
  ledger: ledgerEnvSchema,
  'customer-notify': customerNotifyEnvSchema,
  dashboard: dashboardEnvSchema,
};
/** Ports of the infrastructure images (not ours). */
const INFRA_PORTS: Record<string, number[]> = {
  postgres: [5432],
  rabbitmq: [5672, 15672],
  jaeger: [4318, 16686],
  keycloak: [8080, 9000],
};

interface ComposeService {
  build?: string | { context: string; dockerfile?: string };
  image?: string;
  command?: string[];
  entrypoint?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  container_name?: string;
  profiles?: string[];
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
}

const raw = readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8');
const example = readFileSync(join(ROOT, '.env.example'), 'utf8');
/** A .env as a newcomer would write it: every variable .env.example names, with a secret. */
const dotenv = Object.fromEntries(
  [...example.matchAll(/^([A-Z_]+)=(.*)$/gm)].map(([, name = '', value = '']) => [
    name,
    value || `s3cret-${name.toLowerCase()}`,
  ]),
);
const compose = parse(interpolate(raw, dotenv), { merge: true }) as {
  services: Record<string, ComposeService>;
};
const services = compose.services;
/** The app a service runs: dist/apps/<app>/src/main.js, or the load generator through the CLI. */
const appOf = (service: ComposeService) => {
  const argv = [...(service.entrypoint ?? []), ...(service.command ?? [])];
  const script = argv.find((a) => a.startsWith('dist/')) ?? '';
  if (script === 'dist/tools/cli/main.js' && argv[argv.indexOf(script) + 1] === 'load')
    return 'load-generator';
  return /^dist\/apps\/([^/]+)\/src\/main\.js$/.exec(script)?.[1];
};
const portOf = (name: string) => Number(services[name]?.environment?.PORT ?? NaN);

describe('docker-compose.yml against the code', () => {
  it('runs every service, the dashboard and the load generator', () => {
    const apps = Object.values(services).map(appOf);
    for (const app of [...Object.keys(SERVICE_SCHEMAS), 'dashboard', 'load-generator'])
      expect(apps).toContain(app);
  });

  it.each(Object.keys(SCHEMAS))(
    '%s: its environment passes its config schema in production',
    (app) => {
      const [, service] = Object.entries(services).find(([, s]) => appOf(s) === app) ?? [];
      const env = service?.environment ?? {};
      const schema = SCHEMAS[app] as z.ZodObject;
      // OTEL_* are OpenTelemetry's own standard variables, read by its SDK (libs/telemetry), not by the app.
      // OIDC_* (docs/auth.md) are let through only while the app declares no auth settings at all.
      const authPending = !('OIDC_ISSUER' in schema.shape);
      const unknown = Object.keys(env).filter(
        (name) =>
          !(name in schema.shape) &&
          !name.startsWith('OTEL_') &&
          !(authPending && name.startsWith('OIDC_')),
      );
      expect(unknown).toEqual([]);
      expect(env.NODE_ENV).toBe('production');
      expect(() => loadConfig(schema, env)).not.toThrow();
    },
  );

  it('publishes ports on this machine only (127.0.0.1), never on every interface', () => {
    const published = Object.entries(services).flatMap(([name, service]) =>
      (service.ports ?? []).map((port) => [name, String(port)] as const),
    );
    expect(published.length).toBeGreaterThan(0);
    for (const [name, port] of published)
      expect([name, port]).toEqual([name, expect.stringMatching(/^127\.0\.0\.1:\d+:\d+$/)]);
  });

  it('builds from a context with a Dockerfile, and runs scripts that exist', () => {
    for (const [name, service] of Object.entries(services)) {
      if (!service.build) continue;
      const context = typeof service.build === 'string' ? service.build : service.build.context;
      const dockerfile =
        typeof service.build === 'string' ? 'Dockerfile' : service.build.dockerfile;
      expect([name, existsSync(join(ROOT, context, dockerfile ?? 'Dockerfile'))]).toEqual([
        name,
        true,
      ]);
      for (const script of [...(service.entrypoint ?? []), ...(service.command ?? [])].filter((a) =>
        a.startsWith('dist/'),
      ))
        expect([
          name,
          existsSync(join(ROOT, script.replace(/^dist\//, '').replace(/\.js$/, '.ts'))),
        ]).toEqual([name, true]);
    }
  });

  it('publishes ports that match PORT, and every URL names a service on its port', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const mapping of service.ports ?? []) {
        const container = Number(mapping.split(':').pop());
        expect([name, container]).toEqual([
          name,
          INFRA_PORTS[name]?.includes(container) ? container : portOf(name),
        ]);
      }
      for (const value of Object.values(service.environment ?? {})) {
        const url = /^[a-z]+:\/\//.test(value) ? new URL(value) : undefined;
        // A URL the user's browser opens (the traces UI link) points at a published port.
        if (!url || url.hostname === 'localhost') continue;
        const known = INFRA_PORTS[url.hostname] ?? [portOf(url.hostname)];
        expect([name, value.replace(/:[^:@/]*@/, ':***@'), known]).toEqual([
          name,
          value.replace(/:[^:@/]*@/, ':***@'),
          expect.arrayContaining([Number(url.port)]),
        ]);
      }
    }
  });

  it('each service connects as its own database role and broker user', () => {
    for (const service of Object.keys(SERVICE_SCHEMAS) as ServiceName[]) {
      const env = services[service]?.environment ?? {};
      expect(new URL(env.DATABASE_URL ?? '').username).toBe(roleName(service));
      expect(new URL(env.RABBITMQ_URL ?? '').username).toBe(service);
      expect(env.RABBITMQ_TOPOLOGY).toBe('provisioned');
      expect(raw).toContain(`\${${passwordVariable(service, 'DB')}:?`);
      expect(raw).toContain(`\${${passwordVariable(service, 'RABBITMQ')}:?`);
    }
    expect(raw).toContain(`\${${passwordVariable(MONITOR_USER, 'RABBITMQ')}:?`);
  });

  it('has no default credentials: no guest, every secret required from .env', () => {
    expect(raw).not.toMatch(/guest/i);
    expect(raw).not.toMatch(/RABBITMQ_DEFAULT_(USER|PASS)/);
    // ${VAR:-default} only for non-secrets; every secret-looking variable is ${VAR:?…}.
    for (const [, name = '', operator] of raw.matchAll(/\$\{([A-Z_]+)(:[?-])?/g))
      if (/PASSWORD|USER/.test(name)) expect([name, operator]).toEqual([name, ':?']);
    for (const name of raw.matchAll(/\$\{([A-Z_]+):\?/g))
      expect(Object.keys(dotenv)).toContain(name[1]);
    for (const [, value = ''] of example.matchAll(/^[A-Z_]+_PASSWORD=(.*)$/gm))
      expect(value).toBe('');
  });

  it('starts in order: roles and migrations, broker definitions, then the services', () => {
    expect(services.rabbitmq?.depends_on?.['broker-definitions']?.condition).toBe(
      'service_completed_successfully',
    );
    expect(services['db-setup']?.depends_on?.postgres?.condition).toBe('service_healthy');
    for (const service of Object.keys(SERVICE_SCHEMAS)) {
      const dependsOn = services[service]?.depends_on ?? {};
      expect([service, dependsOn['db-setup']?.condition, dependsOn.rabbitmq?.condition]).toEqual([
        service,
        'service_completed_successfully',
        'service_healthy',
      ]);
    }
    expect(services['load-generator']?.profiles).toEqual(['load']);
  });

  it('every app waits for Keycloak and checks tokens of the realm it imports', () => {
    const keycloak = services.keycloak ?? {};
    const issuer = `${keycloak.environment?.KC_HOSTNAME ?? ''}/realms/${REALM}`;
    const mounted = (keycloak.volumes ?? []).map((v) => v.split(':'));
    expect(mounted).toContainEqual([
      `./${relative(ROOT, REALM_FILE)}`,
      `/opt/keycloak/data/import/${basename(REALM_FILE)}`,
      'ro',
    ]);
    expect(keycloak.command).toEqual(['start-dev', '--import-realm']);
    expect(keycloak.image).toMatch(/^quay\.io\/keycloak\/keycloak:26\.\d+\.\d+$/);
    const callers = Object.entries(services).filter(([, s]) => appOf(s));
    expect(callers.length).toBeGreaterThan(Object.keys(SERVICE_SCHEMAS).length);
    for (const [name, service] of callers) {
      const env = service.environment ?? {};
      expect([name, env.OIDC_ISSUER, env.OIDC_AUDIENCE, service.depends_on?.keycloak]).toEqual([
        name,
        issuer,
        AUDIENCE,
        { condition: 'service_healthy' },
      ]);
      expect([name, env.OIDC_JWKS_URL]).toEqual([
        name,
        `http://keycloak:8080/realms/${REALM}/protocol/openid-connect/certs`,
      ]);
    }
    // Keycloak resolves the realm file's client secret from its own environment: the same value.
    for (const caller of ['dashboard', 'load-generator'])
      expect([caller, services[caller]?.environment?.[TOOLS_SECRET_VARIABLE]]).toEqual([
        caller,
        keycloak.environment?.[TOOLS_SECRET_VARIABLE],
      ]);
  });

  it('runs RabbitMQ 4 with the management plugin (the topology is declared for 4.x and 3.10 alike)', () => {
    const [, tag = ''] = /^rabbitmq:(.+)$/.exec(services.rabbitmq?.image ?? '') ?? [];
    expect(tag).toMatch(/^4\.\d+(\.\d+)?-management(-alpine)?$/);
  });

  it('consumers scale with --scale: no fixed container name or host port', () => {
    for (const service of Object.keys(SERVICE_SCHEMAS).filter((s) => s !== 'order-service')) {
      expect([service, services[service]?.container_name, services[service]?.ports]).toEqual([
        service,
        undefined,
        undefined,
      ]);
    }
  });
});

/** Compose's variable substitution: ${VAR}, ${VAR:-default}, ${VAR:?error}, and $$ for a literal $. */
function interpolate(text: string, env: Record<string, string>): string {
  return text
    .replace(
      /\$\{([A-Z_][A-Z0-9_]*)(?::([-?])([^}]*))?\}/g,
      (_match, name: string, op?: string, arg?: string) => {
        const value = env[name];
        if (value) return value;
        if (op === '?') throw new Error(`compose needs ${name}: ${arg ?? ''}`);
        return op === '-' ? (arg ?? '') : '';
      },
    )
    .replace(/\$\$/g, '$');
}
