import {
  assertReachable,
  dockerEngineLikely,
  readInfraFromEnv,
  startContainers,
  writeInfraToEnv,
} from '@dinner-rush/testing';

/**
 * Finds the real servers for this run: containers when a Docker engine is
 * reachable, otherwise the local PostgreSQL and RabbitMQ (or those named by
 * TEST_POSTGRES_ADMIN_URL / TEST_RABBITMQ_URL). Each test file then makes its
 * own database and vhost from them.
 */
export default async function globalSetup(): Promise<void> {
  if (dockerEngineLikely()) {
    try {
      const started = await startContainers();
      writeInfraToEnv(started.infra);
      (globalThis as { __stopContainers?: () => Promise<void> }).__stopContainers = () =>
        started.stop();
      await assertReachable(started.infra);
      return;
    } catch (error) {
      console.warn(`testcontainers unavailable (${String(error)}); using local servers`);
    }
  }
  const infra = readInfraFromEnv();
  writeInfraToEnv(infra);
  await assertReachable(infra);
}
