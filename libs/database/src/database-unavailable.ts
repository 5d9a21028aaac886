/**
 * Whether an error means "PostgreSQL cannot be reached right now" rather than
 * "this request or message is wrong". Callers answer 503 + Retry-After (HTTP)
 * or retry later without spending the message's retry budget (consumers).
 * Errors arrive in several shapes: node-pg's socket errors and SQLSTATEs, and
 * Prisma's driver-adapter errors, sometimes wrapped as `cause`.
 */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** SQLSTATE class 08 (connection exception), 57P01-03 (shutdown, cannot connect now), 53300 (too many connections). */
function isUnavailableSqlState(code: string): boolean {
  return code.startsWith('08') || ['57P01', '57P02', '57P03', '53300'].includes(code);
}

/** Prisma driver-adapter error kinds that describe the connection, not the query. */
const ADAPTER_KINDS = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
  'TlsConnectionError',
]);

/** Prisma's own connection error codes (can't reach, timed out, closed, pool timeout). */
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);

/** pg's pool and client report these without a code. */
const MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  'Connection ended unexpectedly',
];

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  kind?: unknown;
  meta?: { driverAdapterError?: { cause?: { kind?: unknown; code?: unknown } } };
}

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const e = error as ErrorLike;
  const adapterCause = e.meta?.driverAdapterError?.cause;
  if (typeof adapterCause?.kind === 'string' && ADAPTER_KINDS.has(adapterCause.kind)) return true;
  if (
    adapterCause?.kind === 'postgres' &&
    typeof adapterCause.code === 'string' &&
    isUnavailableSqlState(adapterCause.code)
  )
    return true;
  if (typeof e.kind === 'string' && ADAPTER_KINDS.has(e.kind)) return true;
  if (typeof e.code === 'string') {
    if (SOCKET_CODES.has(e.code) || PRISMA_CODES.has(e.code)) return true;
    if (/^[0-9A-Z]{5}$/.test(e.code) && isUnavailableSqlState(e.code)) return true;
  }
  if (typeof e.message === 'string' && MESSAGES.some((m) => String(e.message).includes(m)))
    return true;
  return isDatabaseUnavailable(e.cause, depth + 1);
}

const FROM_OWN_DATABASE = Symbol.for('dinner-rush.from-own-database');

/**
 * Marks an error as raised by the service's own database connection (its pool,
 * a statement, a COMMIT). Only such an error can mean "our database is down";
 * the same socket codes from a webhook or another service mean that one is,
 * and must spend the message's retries like any other failure.
 */
export function fromOwnDatabase<T>(error: T): T {
  if (error && typeof error === 'object') {
    (error as { [FROM_OWN_DATABASE]?: true })[FROM_OWN_DATABASE] = true;
  }
  return error;
}

/** The service's own database cannot be reached right now (see fromOwnDatabase). */
export function isOwnDatabaseUnavailable(error: unknown): boolean {
  return (
    !!error &&
    typeof error === 'object' &&
    (error as { [FROM_OWN_DATABASE]?: true })[FROM_OWN_DATABASE] === true &&
    isDatabaseUnavailable(error)
  );
}
