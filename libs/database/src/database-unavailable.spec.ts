import {
  fromOwnDatabase,
  isDatabaseUnavailable,
  isOwnDatabaseUnavailable,
} from './database-unavailable';

describe('isDatabaseUnavailable', () => {
  const prismaError = (cause: object) =>
    Object.assign(new Error('prisma'), { code: 'P2010', meta: { driverAdapterError: { cause } } });

  it.each([
    [
      'a refused socket (server stopped)',
      Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }),
    ],
    ['a reset socket', Object.assign(new Error('read'), { code: 'ECONNRESET' })],
    [
      'an admin shutdown of the session (57P01)',
      Object.assign(new Error('terminating'), { code: '57P01' }),
    ],
    ['a connection exception (08006)', Object.assign(new Error('failure'), { code: '08006' })],
    ['pg pool connect timeout', new Error('timeout exceeded when trying to connect')],
    ['pg connection terminated', new Error('Connection terminated unexpectedly')],
    ["Prisma's can't reach (P1001)", Object.assign(new Error('reach'), { code: 'P1001' })],
    ['a Prisma adapter error: not reachable', prismaError({ kind: 'DatabaseNotReachable' })],
    ['a Prisma adapter error: closed', prismaError({ kind: 'ConnectionClosed' })],
    ['a Prisma adapter postgres error 57P03', prismaError({ kind: 'postgres', code: '57P03' })],
    [
      'a wrapped cause',
      new Error('outer', { cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }) }),
    ],
  ])('recognises %s', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', Object.assign(new Error('dup'), { code: '23505' })],
    ['a Prisma unique violation', prismaError({ kind: 'UniqueConstraintViolation' })],
    ['a Prisma postgres syntax error', prismaError({ kind: 'postgres', code: '42601' })],
    ['a plain error', new Error('boom')],
    ['not an error', 'ECONNREFUSED'],
    ['nothing', undefined],
  ])('does not mistake %s for an outage', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});

describe('isOwnDatabaseUnavailable', () => {
  const refused = () => Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });

  it("is true for an outage raised by the service's own database connection", () => {
    expect(isOwnDatabaseUnavailable(fromOwnDatabase(refused()))).toBe(true);
  });

  it('is false for the same socket error from anywhere else (a webhook, another service)', () => {
    expect(isOwnDatabaseUnavailable(refused())).toBe(false);
    expect(isOwnDatabaseUnavailable(new Error('webhook failed', { cause: refused() }))).toBe(false);
  });

  it('is false for a database error that is not an outage (a constraint, a syntax error)', () => {
    const violation = Object.assign(new Error('duplicate key'), { code: '23505' });
    expect(isOwnDatabaseUnavailable(fromOwnDatabase(violation))).toBe(false);
  });
});
