import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ManagementApi } from './management-api';

describe('ManagementApi (against a stand-in HTTP server)', () => {
  let server: Server;
  let port: number;
  const seen: { url?: string; auth?: string; method?: string; body: string }[] = [];

  beforeAll(async () => {
    server = createServer((request: IncomingMessage, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        seen.push({
          url: request.url,
          auth: request.headers.authorization,
          method: request.method,
          body,
        });
        if (request.url?.endsWith('/missing')) return void response.writeHead(404).end('Not Found');
        response.setHeader('content-type', 'application/json');
        response.end('[{"name":"ledger.orders"}]');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const basic = (user: string, password: string) =>
    `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

  it('takes credentials from the URL, and keeps a path prefix in front of /api', async () => {
    const api = new ManagementApi(`http://mon%40x:p%3Ass@127.0.0.1:${port}/rabbit/`);
    await expect(api.getJson('/queues/%2F')).resolves.toEqual([{ name: 'ledger.orders' }]);
    expect(seen.at(-1)).toMatchObject({
      url: '/rabbit/api/queues/%2F',
      auth: basic('mon@x', 'p:ss'),
    });
  });

  it('takes credentials given apart over the URL, and sends a JSON body', async () => {
    const api = new ManagementApi(`http://127.0.0.1:${port}`, {
      credentials: { user: 'monitor', password: 'secret' },
    });
    await api.text('PUT', '/vhosts/x', { tracing: false });
    expect(seen.at(-1)).toMatchObject({
      method: 'PUT',
      auth: basic('monitor', 'secret'),
      body: '{"tracing":false}',
    });
  });

  it('fails on a non-2xx answer naming the call, never the password', async () => {
    const api = new ManagementApi(`http://guest:hunter2@127.0.0.1:${port}`);
    await expect(api.call('GET', '/missing')).resolves.toMatchObject({ status: 404 });
    const error = (await api.text('GET', '/missing').catch((e: unknown) => e)) as Error;
    expect(error.message).toBe(`GET http://127.0.0.1:${port}/api/missing: 404 Not Found`);
  });

  it('names the endpoint when nothing listens there', async () => {
    const api = new ManagementApi('http://guest:hunter2@127.0.0.1:1');
    const error = (await api.call('GET', '/overview').catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/^GET http:\/\/127\.0\.0\.1:1\/api\/overview: .*ECONNREFUSED/);
    expect(error.message).not.toContain('hunter2');
  });
});
