import type { ProblemException } from '@dinner-rush/service-kit';
import { UpstreamRefusal } from '../snapshot/http-json';
import { forwardedTo } from './upstream-problem';

const answered = (action: Promise<unknown>) =>
  forwardedTo('ledger', action).then(
    () => undefined,
    (error: unknown) => (error as ProblemException).getResponse(),
  );

describe('an action forwarded to a service', () => {
  it('passes on "not there" and "come back later" with the service’s status', async () => {
    const refused = Promise.reject(new UpstreamRefusal(404, 'POST …/pause: 404 no queue'));
    expect(await answered(refused)).toMatchObject({ status: 404, code: 'upstream-refused' });
    expect(await answered(Promise.reject(new UpstreamRefusal(429, 'slow down')))).toMatchObject({
      status: 429,
    });
  });

  it('answers 502 for any other answer of the service, or none at all', async () => {
    expect(await answered(Promise.reject(new UpstreamRefusal(500, 'boom')))).toMatchObject({
      status: 502,
      code: 'upstream-failed',
    });
    expect(await answered(Promise.reject(new UpstreamRefusal(401, 'token')))).toMatchObject({
      status: 502,
    });
    expect(await answered(Promise.reject(new TypeError('fetch failed')))).toMatchObject({
      status: 502,
      detail: 'ledger failed: fetch failed',
    });
  });

  it('answers what the service answered when it succeeds', async () => {
    await expect(forwardedTo('ledger', Promise.resolve({ ok: 1 }))).resolves.toEqual({ ok: 1 });
  });
});
