import { failureMessage } from './failure-message';

describe('failureMessage: what failed and where', () => {
  it('shows each cause once, under the error, with credentials masked', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3000'), {
      code: 'ECONNREFUSED',
    });
    const fetchFailed = new TypeError('fetch failed', { cause: refused });
    const error = new Error('POST http://127.0.0.1:3000/replays failed', { cause: fetchFailed });
    expect(failureMessage('replay', error)).toBe(
      [
        'dinner-rush replay: POST http://127.0.0.1:3000/replays failed',
        '  because: fetch failed',
        '  because: connect ECONNREFUSED 127.0.0.1:3000',
      ].join('\n'),
    );
    const quoted = new Error('cannot connect to amqp://svc:s3cret@rabbit:5672', { cause: refused });
    expect(failureMessage('dlq list', quoted)).toContain('amqp://svc:***@rabbit:5672');
    expect(failureMessage('dlq list', quoted)).not.toContain('s3cret');
  });

  it('reads an AggregateError (a refused dual-stack connect) by its errors', () => {
    const both = new AggregateError(
      [
        new Error('connect ECONNREFUSED ::1:5432'),
        new Error('connect ECONNREFUSED 127.0.0.1:5432'),
      ],
      '',
    );
    expect(failureMessage('db:migrate', both)).toBe(
      'dinner-rush db:migrate: connect ECONNREFUSED ::1:5432; connect ECONNREFUSED 127.0.0.1:5432',
    );
  });
});
