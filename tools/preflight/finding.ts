/** Something `npm start` needs and does not have, and the command that fixes it. */
export interface Finding {
  /** Nothing starts while a fatal finding stands; the others are said and passed over. */
  fatal: boolean;
  problem: string;
  fix: string;
}

/** One line per finding: what is missing, then what to run. */
export function findingLine({ fatal, problem, fix }: Finding): string {
  return `${fatal ? '✗' : '!'} ${problem} → ${fix}`;
}

/** The host and port of a URL, never its credentials (what a log may show). */
export function where(url: string): string {
  const { hostname, port, protocol } = new URL(url);
  const fallback = { 'postgresql:': '5432', 'postgres:': '5432', 'amqp:': '5672' }[protocol];
  return `${hostname}:${port || fallback || '80'}`;
}

/** A connection error's short name: its code (ECONNREFUSED) or first line of message. */
export function errorName(error: unknown): string {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return code;
  return String(message ?? error).split('\n')[0] ?? 'unknown error';
}

/** Whether nothing listens there at all (as opposed to a server that answered and refused). */
export function isUnreachable(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  const codes = ['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN'];
  if (typeof code === 'string' && [...codes, 'ETIMEDOUT'].includes(code)) return true;
  return typeof message === 'string' && /timeout|timed out/i.test(message);
}
