import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { metricSum, readServiceSample } from './service-metrics';

describe('metricSum', () => {
  it('adds every label set of the named metric and ignores metrics that only share its prefix', () => {
    const text = [
      '# HELP messages_handled_total handled',
      'messages_handled_total{queue="a"} 3',
      'messages_handled_total{queue="b"} 4',
      'messages_handled_total_created 99',
      'process_resident_memory_bytes 1024',
    ].join('\n');
    expect(metricSum(text, 'messages_handled_total')).toBe(7);
    expect(metricSum(text, 'process_resident_memory_bytes')).toBe(1024);
    expect(metricSum(text, 'orders_accepted_total')).toBeNull();
  });
});

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
    await expect(readServiceSample(baseUrl, 200)).resolves.toEqual({
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
