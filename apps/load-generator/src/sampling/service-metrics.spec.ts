import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readServiceSample } from './service-metrics';

describe('readServiceSample against a service too busy to finish its answer', () => {
  let server: Server;
  let baseUrl: string;

  beforeAll(async () => {
    // /health answers at once; /metrics sends its headers and the first bytes, then stalls,
    // as a service does when its event loop is saturated mid-spike.
    server = createServer((request, response) => {
      if (request.url === '/health') return void response.end('{"status":"ok"}');
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.write('process_resident_memory_bytes 1');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('reports the metrics as unknown instead of throwing when the body times out', async () => {
    // /metrics never finishes, so this always waits out the whole timeout; it is generous
    // because /health shares it, and a first fetch on a loaded CI machine can take a second.
    await expect(readServiceSample(baseUrl, 3_000)).resolves.toEqual({
      up: true,
      rssBytes: null,
      handled: null,
      accepted: null,
      published: null,
    });
  });

  it('reports a service that does not answer at all as down', async () => {
    await expect(readServiceSample('http://127.0.0.1:9', 200)).resolves.toMatchObject({
      up: false,
      rssBytes: null,
    });
  });
});
