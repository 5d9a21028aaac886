import { Client } from 'pg';
import { pidsListeningOn } from '../../tools/preflight/listening-sockets';
import { readProcStat } from './proc-stat';

/**
 * The postmaster of the PostgreSQL server at `url`: the parent of the backend
 * that serves our own connection. Exact even with several clusters on the
 * machine (a pid file or `pg_lsclusters` would have to be matched by port).
 */
export async function postmasterPid(url: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const backend = rows[0]?.pid;
    const postmaster = backend === undefined ? undefined : readProcStat(backend)?.ppid;
    if (!postmaster) {
      throw new Error(
        `PostgreSQL at ${new URL(url).host} runs no process this machine can see: ` +
          'CPU accounting needs the server on this machine.',
      );
    }
    return postmaster;
  } finally {
    await client.end();
  }
}

/** The RabbitMQ node (beam.smp) listening on the AMQP port of `url`. */
export function brokerPid(url: string): number {
  const port = Number(new URL(url).port || 5672);
  const beam = pidsListeningOn(port).find((pid) => readProcStat(pid)?.comm === 'beam.smp');
  if (beam === undefined) {
    throw new Error(
      `no beam.smp process listens on port ${port}: CPU accounting needs RabbitMQ on this machine (and root to see its sockets).`,
    );
  }
  return beam;
}
