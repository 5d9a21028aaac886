import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { type Finding } from './finding';
import { pidsListeningOn } from './listening-sockets';

export interface AppPort {
  app: string;
  port: number;
  /** The variable that moves the app elsewhere (start-all's PORT_<APP>). */
  variable: string;
}

/** Each app's port must be free: a service that cannot listen exits, and a second `npm start` would fight the first. */
export async function checkPorts(ports: readonly AppPort[]): Promise<Finding[]> {
  const findings = await Promise.all(
    ports.map(async (entry) => {
      const error = await tryListen(entry.port);
      return error ? [portFinding(entry, error, holdersOf(entry.port))] : [];
    }),
  );
  return findings.flat();
}

/** Binds the port as the services do (all interfaces) and lets it go; the error code if it cannot. */
function tryListen(port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    server.listen({ port, host: '0.0.0.0', exclusive: true }, () =>
      server.close(() => resolve(undefined)),
    );
  });
}

/** Who holds the port, where /proc can say (Linux; other users' processes need root). */
function holdersOf(port: number): string[] {
  return pidsListeningOn(port).map((pid) => {
    try {
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
      return `pid ${pid} (${command.slice(0, 80)})`;
    } catch {
      return `pid ${pid}`;
    }
  });
}

export function portFinding(
  { app, port, variable }: AppPort,
  code: string,
  holders: string[],
): Finding {
  const by = holders.length > 0 ? ` by ${holders.join(', ')}` : '';
  return {
    fatal: true,
    problem:
      code === 'EADDRINUSE'
        ? `port ${port} (${app}) is in use${by}`
        : `port ${port} (${app}) cannot be opened (${code})`,
    fix: `stop what holds it, or choose another: ${variable}=<port> npm start`,
  };
}
