import { randomBytes } from 'node:crypto';
import { readInfraFromEnv, runRabbitmqctl } from './infra';

/** A RabbitMQ virtual host of its own for one test file, so queues never collide. */
export interface TestVhost {
  name: string;
  url: string;
  delete(): Promise<void>;
}

async function management(method: string, path: string): Promise<boolean> {
  const base = new URL(readInfraFromEnv().rabbitmqManagementUrl);
  const auth = Buffer.from(
    `${decodeURIComponent(base.username)}:${decodeURIComponent(base.password)}`,
  ).toString('base64');
  base.username = '';
  base.password = '';
  try {
    const response = await fetch(new URL(path, base), {
      method,
      headers: { authorization: `Basic ${auth}`, 'content-type': 'application/json' },
      body:
        method === 'PUT'
          ? JSON.stringify(
              path.includes('/permissions/') ? { configure: '.*', write: '.*', read: '.*' } : {},
            )
          : undefined,
    });
    return response.ok;
  } catch {
    return false; // management plugin off: fall back to rabbitmqctl
  }
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
