import { type Finding } from './finding';

export const ENABLE_MANAGEMENT = 'rabbitmq-plugins enable rabbitmq_management';

export interface ManagementApi {
  /** The management API's base URL, credentials in it or beside it. */
  url: string;
  user: string;
  password: string;
}

/**
 * Is RabbitMQ's management plugin on? Not fatal: without it the dashboard and
 * the load generator read queue depths over AMQP; with it they get richer figures.
 */
export async function checkManagement(api: ManagementApi): Promise<Finding[]> {
  const url = new URL('/api/overview', api.url);
  const user = decodeURIComponent(url.username) || api.user;
  const password = decodeURIComponent(url.password) || api.password;
  url.username = '';
  url.password = '';
  const status = await fetch(url, {
    headers: { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` },
    signal: AbortSignal.timeout(3_000),
  }).then(
    (response) => response.status,
    () => undefined,
  );
  return managementFindings(status, url.host);
}

/** What the answer (an HTTP status, or none at all) says about the plugin. */
export function managementFindings(status: number | undefined, at: string): Finding[] {
  if (status === undefined) {
    return [
      {
        fatal: false,
        problem: `RabbitMQ's management plugin is off (nothing answers at ${at}): the dashboard reads queue depths over AMQP; for richer figures`,
        fix: ENABLE_MANAGEMENT,
      },
    ];
  }
  if (status === 401) {
    return [
      {
        fatal: false,
        problem: `RabbitMQ's management API at ${at} refused the login: the dashboard reads queue depths over AMQP`,
        fix: 'set RABBITMQ_MANAGEMENT_USER and RABBITMQ_MANAGEMENT_PASSWORD',
      },
    ];
  }
  return [];
}
