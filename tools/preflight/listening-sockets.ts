import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** A TCP socket in LISTEN state: its local port and the inode that names it under /proc/<pid>/fd. */
export interface ListeningSocket {
  port: number;
  inode: number;
}

const LISTEN = '0A';

/**
 * Parses /proc/net/tcp or /proc/net/tcp6 (header line, then one socket per
 * line: sl, local address:port in hex, remote, state, ..., inode as field 10).
 */
export function parseListeningSockets(text: string): ListeningSocket[] {
  return text
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields[3] === LISTEN)
    .map((fields) => ({
      port: parseInt(fields[1]?.split(':')[1] ?? '', 16),
      inode: Number(fields[9]),
    }));
}

function listeningSockets(): ListeningSocket[] {
  return ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((path) => {
    try {
      return parseListeningSockets(readFileSync(path, 'utf8'));
    } catch {
      return [];
    }
  });
}

/** Whether anything on this machine (this network namespace) listens on `port`. */
export function isListening(port: number): boolean {
  return listeningSockets().some((socket) => socket.port === port);
}

/**
 * The processes holding a listening socket on `port`, found through the
 * socket inodes in every /proc/<pid>/fd (what `ss -ltnp` does; needs root to
 * see other users' processes). Several servers of one kind can run here at
 * once, so the port is what tells ours apart.
 */
export function pidsListeningOn(port: number): number[] {
  const inodes = new Set(listeningSockets().flatMap((s) => (s.port === port ? [s.inode] : [])));
  if (inodes.size === 0) return [];
  const owners: number[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue; // exited, or not ours to read
    }
    const holds = fds.some((fd) => {
      try {
        const inode = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1];
        return inode !== undefined && inodes.has(Number(inode));
      } catch {
        return false;
      }
    });
    if (holds) owners.push(Number(pid));
  }
  return owners;
}
