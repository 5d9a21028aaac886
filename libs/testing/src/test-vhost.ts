import { randomBytes } from 'node:crypto';
import { ManagementApi, vhostPath, type ManagementMethod } from '@dinner-rush/pipeline-stats';
import { readInfraFromEnv, runRabbitmqctl } from './infra';

/** A RabbitMQ virtual host of its own for one test file, so queues never collide. */
export interface TestVhost {
  name: string;
  url: string;
  delete(): Promise<void>;
}

/** True when the management API did it; false when the plugin is off: fall back to rabbitmqctl. */
async function viaManagement(method: ManagementMethod, path: string, body?: unknown) {
  const api = new ManagementApi(readInfraFromEnv().rabbitmqManagementUrl, { timeoutMs: 5_000 });
  return api.call(method, path, body).then(
    (answer) => answer.status < 300,
    () => false,
  );
}

export async function createTestVhost(label = 'test'): Promise<TestVhost> {
  const infra = readInfraFromEnv();
  const name = `dr-${label}-${randomBytes(4).toString('hex')}`;
  const user = decodeURIComponent(new URL(infra.rabbitmqUrl).username || 'guest');
  const vhost = `/vhosts/${vhostPath(name)}`;
  const viaHttp =
    (await viaManagement('PUT', vhost, {})) &&
    (await viaManagement('PUT', `/permissions/${vhostPath(name)}/${encodeURIComponent(user)}`, {
      configure: '.*',
      write: '.*',
      read: '.*',
    }));
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
      if (!(await viaManagement('DELETE', vhost)))
        await runRabbitmqctl(infra, ['delete_vhost', name]);
    },
  };
}
