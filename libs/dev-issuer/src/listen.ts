import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDevIssuer, type DevIssuerOptions } from './dev-issuer';

export interface RunningDevIssuer {
  /** The issuer URL (`iss`), e.g. http://127.0.0.1:3090. */
  url: string;
  close(): Promise<void>;
}

/**
 * Starts the dev issuer on `port` (0: a free one) at 127.0.0.1 unless `host`
 * says otherwise; its issuer URL is where it listens.
 */
export async function listenDevIssuer(
  options: Omit<DevIssuerOptions, 'issuer'> & { port: number; host?: string; publicUrl?: string },
): Promise<RunningDevIssuer> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  try {
    const { port } = server.address() as AddressInfo;
    const url = options.publicUrl ?? `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
    const provider = await createDevIssuer({ ...options, issuer: url });
    const handle = provider.callback();
    server.on('request', (req, res) => {
      // The same liveness answer every app gives, for start-all's and tests' readiness waits.
      if (req.url === '/health' || req.url === '/health/live') {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
        return;
      }
      void handle(req, res);
    });
    return { url, close: () => closeServer(server) };
  } catch (error) {
    await closeServer(server);
    throw error;
  }
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
