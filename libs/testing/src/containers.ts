import type { TestInfra } from './infra';

export interface StartedInfra {
  infra: TestInfra;
  stop(): Promise<void>;
}

/** Real PostgreSQL and RabbitMQ in containers, for machines with a Docker engine. */
export async function startContainers(): Promise<StartedInfra> {
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const { RabbitMQContainer } = await import('@testcontainers/rabbitmq');
  const [postgres, rabbit] = await Promise.all([
    new PostgreSqlContainer('postgres:17-alpine')
      .withUsername('root')
      .withPassword('root')
      .withDatabase('postgres')
      .start(),
    new RabbitMQContainer('rabbitmq:3.13-management-alpine').start(),
  ]);
  const amqpUrl = new URL(rabbit.getAmqpUrl());
  return {
    infra: {
      postgresAdminUrl: postgres.getConnectionUri(),
      rabbitmqUrl: amqpUrl.toString(),
      rabbitmqManagementUrl: `http://guest:guest@${rabbit.getHost()}:${rabbit.getMappedPort(15672)}`,
      rabbitmqctl: ['docker', 'exec', rabbit.getId(), 'rabbitmqctl'],
    },
    async stop() {
      await Promise.all([postgres.stop(), rabbit.stop()]);
    },
  };
}
