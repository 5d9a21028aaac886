import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { Client } from 'pg';

const run = promisify(execFile);

/** Where the real servers for a test run are (set once by the Jest global setup). */
export interface TestInfra {
  postgresAdminUrl: string;
  rabbitmqUrl: string;
  rabbitmqManagementUrl: string;
  /** How to run rabbitmqctl when the management API is off (local broker only). */
  rabbitmqctl?: string[];
}

const ENV = {
  postgres: 'TEST_POSTGRES_ADMIN_URL',
  rabbitmq: 'TEST_RABBITMQ_URL',
  management: 'TEST_RABBITMQ_MANAGEMENT_URL',
  rabbitmqctl: 'TEST_RABBITMQCTL',
} as const;

export function dockerEngineLikely(): boolean {
  if (process.env.TEST_INFRA === 'local') return false;
  return Boolean(process.env.DOCKER_HOST) || existsSync('/var/run/docker.sock');
}

export function readInfraFromEnv(): TestInfra {
  return {
    postgresAdminUrl: process.env[ENV.postgres] ?? 'postgresql://root@127.0.0.1:5432/postgres',
    rabbitmqUrl: process.env[ENV.rabbitmq] ?? 'amqp://guest:guest@127.0.0.1:5672',
    rabbitmqManagementUrl: process.env[ENV.management] ?? 'http://guest:guest@127.0.0.1:15672',
    rabbitmqctl: JSON.parse(process.env[ENV.rabbitmqctl] ?? '["rabbitmqctl"]') as string[],
  };
}

export function writeInfraToEnv(infra: TestInfra): void {
  process.env[ENV.postgres] = infra.postgresAdminUrl;
  process.env[ENV.rabbitmq] = infra.rabbitmqUrl;
  process.env[ENV.management] = infra.rabbitmqManagementUrl;
  if (infra.rabbitmqctl) process.env[ENV.rabbitmqctl] = JSON.stringify(infra.rabbitmqctl);
}

/** Fails with one clear message when the servers a test needs are not there. */
export async function assertReachable(infra: TestInfra): Promise<void> {
  const pg = new Client({
    connectionString: infra.postgresAdminUrl,
    connectionTimeoutMillis: 3_000,
  });
  try {
    await pg.connect();
    await pg.query('SELECT 1');
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${infra.postgresAdminUrl} (${String(error)}).\n` +
        'Start it (pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start), ' +
        'or run with a Docker engine so testcontainers can start one.',
      { cause: error },
    );
  } finally {
    await pg.end().catch(() => undefined);
  }
  const amqplib = await import('amqplib');
  try {
    const connection = await amqplib.connect(infra.rabbitmqUrl);
    await connection.close();
  } catch (error) {
    throw new Error(
      `RabbitMQ is not reachable at ${infra.rabbitmqUrl} (${String(error)}).\n` +
        'Start it (rabbitmq-server -detached && rabbitmqctl await_startup), ' +
        'or run with a Docker engine so testcontainers can start one.',
      { cause: error },
    );
  }
}

export async function runRabbitmqctl(infra: TestInfra, args: string[]): Promise<void> {
  const [command, ...prefix] = infra.rabbitmqctl ?? ['rabbitmqctl'];
  await run(command ?? 'rabbitmqctl', [...prefix, ...args]);
}
