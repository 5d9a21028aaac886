import { randomBytes } from 'node:crypto';
import { withDatabaseName } from '@dinner-rush/database';
import { ManagementApi } from '@dinner-rush/pipeline-stats';
import { createTestDatabase, createTestVhost, readInfraFromEnv } from '@dinner-rush/testing';
import { Client } from 'pg';
import {
  buildDefinitions,
  MONITOR_USER,
  serviceGrants,
  type ServiceGrant,
} from '../../tools/broker-definitions-builder';
import { applyDefinitions } from '../../tools/broker-users';
import { applyServiceRoles } from '../../tools/db-roles';
import { roleName } from '../../tools/db-roles-sql';
import { SERVICE_SCHEMAS, type ServiceName } from '../../tools/services';

/** A scratch vhost provisioned like compose: topology and one restricted user per service. */
export interface RestrictedBroker {
  vhost: string;
  grants: ServiceGrant[];
  /** AMQP URL of each service's user (by service name). */
  urlOf(service: string): string;
  /** The management API as that user. */
  managementUrlOf(service: string): string;
  close(): Promise<void>;
}

export async function provisionRestrictedBroker(label: string): Promise<RestrictedBroker> {
  const infra = readInfraFromEnv();
  const vhost = await createTestVhost(label);
  // RabbitMQ users are broker-global: unique names, deleted afterwards.
  const prefix = `dr-${label}-${randomBytes(4).toString('hex')}-`;
  const password = randomBytes(16).toString('hex');
  const grants = serviceGrants(prefix);
  const users = [...grants.map((g) => g.user), `${prefix}${MONITOR_USER}`];
  const close = async () => {
    for (const user of users)
      await new ManagementApi(infra.rabbitmqManagementUrl)
        .text('DELETE', `/users/${encodeURIComponent(user)}`)
        .catch(() => undefined);
    await vhost.delete();
  };
  try {
    await applyDefinitions(
      infra.rabbitmqManagementUrl,
      buildDefinitions({ vhost: vhost.name, userPrefix: prefix, passwordOf: () => password }),
    );
  } catch (error) {
    await close();
    throw error;
  }
  return {
    vhost: vhost.name,
    grants,
    urlOf(service) {
      const url = new URL(vhost.url);
      url.username = encodeURIComponent(`${prefix}${service}`);
      url.password = password;
      return url.toString();
    },
    managementUrlOf(service) {
      const url = new URL(infra.rabbitmqManagementUrl);
      url.username = encodeURIComponent(`${prefix}${service}`);
      url.password = password;
      return url.toString();
    },
    close,
  };
}

/** A scratch database with one role per service (migrated as that role), as in compose. */
export interface RestrictedDatabase {
  name: string;
  urls: Record<ServiceName, string>;
  roleOf(service: ServiceName): string;
  close(): Promise<void>;
}

export async function provisionRestrictedDatabase(label: string): Promise<RestrictedDatabase> {
  const infra = readInfraFromEnv();
  const db = await createTestDatabase(label);
  // Roles are cluster-global too.
  const prefix = `dr_${label}_${randomBytes(4).toString('hex')}_`;
  const services = Object.keys(SERVICE_SCHEMAS) as ServiceName[];
  const close = async () => {
    await db.drop();
    const admin = new Client({ connectionString: infra.postgresAdminUrl });
    await admin.connect();
    try {
      for (const service of services)
        await admin.query(`DROP ROLE IF EXISTS "${roleName(service, prefix)}"`);
    } finally {
      await admin.end();
    }
  };
  try {
    const urls = await applyServiceRoles({
      adminUrl: withDatabaseName(infra.postgresAdminUrl, db.name),
      passwordOf: () => randomBytes(16).toString('hex'),
      rolePrefix: prefix,
      migrate: true,
    });
    return { name: db.name, urls, roleOf: (service) => roleName(service, prefix), close };
  } catch (error) {
    await close();
    throw error;
  }
}
