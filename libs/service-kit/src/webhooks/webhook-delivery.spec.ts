import { PermanentMessageError } from '@dinner-rush/messaging';
import {
  backoffDelay,
  WebhookClient,
  WebhookDeliveryError,
  type WebhookPolicy,
  type WebhookPoster,
} from './webhook-delivery';
import { WebhookAttemptError } from './webhook-post';

const policy: WebhookPolicy = { attempts: 3, timeoutMs: 1_000, backoffMs: 100 };
const request = {
  url: 'https://merchant.example/hooks/orders',
  idempotencyKey: '2ed6657d-e927-568b-95e1-2665a8aea6a2',
  body: { notificationId: '2ed6657d-e927-568b-95e1-2665a8aea6a2', kind: 'order.created' },
};

/** A fake POST answering each call with the next outcome: success, or an error to throw. */
function scriptedPost(...outcomes: ('ok' | Error)[]) {
  return jest.fn<ReturnType<WebhookPoster>, Parameters<WebhookPoster>>(() => {
    const next = outcomes.shift() ?? httpStatus(500);
    return next instanceof Error ? Promise.reject(next) : Promise.resolve();
  });
}

const httpStatus = (status: number) => new WebhookAttemptError('http-status', `HTTP ${status}`);

function clientWith(post: WebhookPoster) {
  const pauses: number[] = [];
  const client = new WebhookClient(policy, post, (ms) => {
    pauses.push(ms);
    return Promise.resolve();
  });
  return { client, pauses };
}

describe('WebhookClient', () => {
  it('POSTs the JSON body with the notification id as Idempotency-Key, within the deadline', async () => {
    const post = scriptedPost('ok');
    const { client, pauses } = clientWith(post);

    await expect(client.deliver(request)).resolves.toBe(1);

    expect(post).toHaveBeenCalledTimes(1);
    const [sent, deadlineMs] = post.mock.calls[0]!;
    expect(sent.url).toBe(request.url);
    expect(sent.headers).toEqual({
      'content-type': 'application/json',
      'idempotency-key': request.idempotencyKey,
    });
    expect(JSON.parse(sent.body)).toEqual(request.body);
    expect(deadlineMs).toBe(policy.timeoutMs);
    expect(pauses).toEqual([]);
  });

  it('retries a failing webhook with doubling pauses until it answers 2xx', async () => {
    const post = scriptedPost(
      httpStatus(503),
      new WebhookAttemptError('unreachable', 'ECONNRESET'),
      'ok',
    );
    const { client, pauses } = clientWith(post);

    await expect(client.deliver(request)).resolves.toBe(3);
    expect(post).toHaveBeenCalledTimes(3);
    expect(pauses).toEqual([100, 200]);
  });

  it('gives up after the configured attempts with a transient error the broker retries', async () => {
    const post = scriptedPost(httpStatus(500), httpStatus(500), httpStatus(404), 'ok');
    const { client } = clientWith(post);

    const failure = client.deliver(request);
    await expect(failure).rejects.toThrow(WebhookDeliveryError);
    await expect(failure).rejects.toThrow(/after 3 attempt\(s\): HTTP 404/);
    await expect(failure).rejects.not.toBeInstanceOf(PermanentMessageError);
    expect(post).toHaveBeenCalledTimes(3);
  });

  it('counts a timeout as a failed attempt', async () => {
    const post = scriptedPost(new WebhookAttemptError('timeout', 'no answer'), 'ok');
    const { client } = clientWith(post);
    await expect(client.deliver(request)).resolves.toBe(2);
  });
});

describe('backoffDelay', () => {
  it('doubles from the base for each further retry', () => {
    expect([1, 2, 3, 4].map((retry) => backoffDelay(retry, 200))).toEqual([200, 400, 800, 1600]);
  });
});
