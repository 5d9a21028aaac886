import { errorName, findingLine, isUnreachable, where } from './finding';

describe('preflight findings', () => {
  it('prints one line: what is missing, then the command that fixes it', () => {
    const line = findingLine({
      fatal: true,
      problem: 'RabbitMQ is down',
      fix: 'rabbitmq-server -detached',
    });
    expect(line).toBe('✗ RabbitMQ is down → rabbitmq-server -detached');
    expect(findingLine({ fatal: false, problem: 'p', fix: 'f' })).toBe('! p → f');
  });

  it('shows where a server is without its credentials', () => {
    expect(where('postgresql://root:secret@db.local/dinner_rush')).toBe('db.local:5432');
    expect(where('amqp://guest:guest@127.0.0.1:5673/vh')).toBe('127.0.0.1:5673');
  });

  it('tells "nothing listens" from "a server answered and refused"', () => {
    expect(isUnreachable(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isUnreachable(new Error('Connection terminated due to connection timeout'))).toBe(true);
    expect(
      isUnreachable(Object.assign(new Error('password authentication failed'), { code: '28P01' })),
    ).toBe(false);
    expect(errorName(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBe('ECONNREFUSED');
    expect(errorName(new Error('Handshake terminated by server: 403 (ACCESS-REFUSED)\nmore'))).toBe(
      'Handshake terminated by server: 403 (ACCESS-REFUSED)',
    );
  });
});
