import { Writable } from 'node:stream';
import pino from 'pino';
import { redactUrlCredentials, secretRedaction } from './secret-redaction';

describe('secrets never reach the logs', () => {
  it('masks the password of any URL in a text, keeping the rest readable', () => {
    expect(
      redactUrlCredentials(
        'connect amqp://ledger:s3cr3t@rabbitmq:5672 and postgresql://u:p%40ss@db/x',
      ),
    ).toBe('connect amqp://ledger:***@rabbitmq:5672 and postgresql://u:***@db/x');
    expect(redactUrlCredentials('amqp://a:s1@n1:5672,amqp://a:s2@n2:5673/v')).toBe(
      'amqp://a:***@n1:5672,amqp://a:***@n2:5673/v',
    );
    expect(redactUrlCredentials('http://127.0.0.1:3000/health')).toBe(
      'http://127.0.0.1:3000/health',
    );
  });

  it('censors credential fields, URLs in messages and in errors (the pino options services use)', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = pino(secretRedaction, sink);
    logger.info({ config: { RABBITMQ_URL: 'amqp://a:hunter2@h' }, password: 'hunter2' }, 'cfg');
    logger.warn('could not reach postgresql://svc:hunter2@postgres:5432/db');
    logger.error({ err: new Error('bad url amqp://svc:hunter2@rabbitmq') }, 'failed');
    const output = lines.join('');
    expect(lines).toHaveLength(3);
    expect(output).not.toContain('hunter2');
    expect(output).toContain('postgresql://svc:***@postgres:5432/db');
    expect(output).toContain('[redacted]');
  });
});
