import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { readInfraFromEnv, runRabbitmqctl } from './infra';

/** A RabbitMQ virtual host of its own for one test file, so queues never collide. */
export interface TestVhost {
  name: string;
  url: string;
  delete(): Promise<void>;
}

/**
 * One call to the management HTTP API. Plain node:http without an agent, so no
 * keep-alive socket outlives the call (global fetch keeps one open for seconds
 * and makes Jest wait). False when the plugin is off: fall back to rabbitmqctl.
 */
function management(method: string, path: string): Promise<boolean> {
  const base = new URL(readInfraFromEnv().rabbitmqManagementUrl);
  const body =
    method === 'PUT'
      ? JSON.stringify(
          path.includes('/permissions/') ? { configure: '.*', write: '.*', read: '.*' } : {},
        )
      : undefined;
  return new Promise((resolve) => {
    const req = request(
      {
        host: base.hostname,
        port: base.port || 15672,
        path,
        method,
        agent: false,
        auth: `${decodeURIComponent(base.username)}:${decodeURIComponent(base.password)}`,
        headers: { 'content-type': 'application/json' },
        timeout: 5_000,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve((res.statusCode ?? 500) < 300));
      },
    );
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
    req.end(body);
  });
}

export async function createTestVhost(label = 'test'): Promise<TestVhost> {
  const infra = readInfraFromEnv();
  const name = `dr-${label}-${randomBytes(4).toString('hex')}`;
  const user = decodeURIComponent(new URL(infra.rabbitmqUrl).username || 'guest');
  const vhostPath = `/api/vhosts/${encodeURIComponent(name)}`;
  const viaHttp =
    (await management('PUT', vhostPath)) &&
    (await management(
      'PUT',
      `/api/permissions/${encodeURIComponent(name)}/${encodeURIComponent(user)}`,
    ));
  if (!viaHttp) {
    await runRabbitmqctl(infra, ['add_vhost', name]);
    await runRabbitmqctl(infra, ['set_permissions', '-p', name, user, '.*', '.*', '.*']);
  }
  const url = new URL(infra.rabbitmqUrl);
  url.pathname = `/${encodeURIComponent(name)}`;
  return {
    name,
    url: url.toString(),
    async delete() {
      if (!(await management('DELETE', vhostPath)))
        await runRabbitmqctl(infra, ['delete_vhost', name]);
    },
  };
}
