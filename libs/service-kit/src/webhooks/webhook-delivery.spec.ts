import { PermanentMessageError } from '@dinner-rush/messaging';
import {
  backoffDelay,
  WebhookClient,
  WebhookDeliveryError,
  type WebhookFetch,
  type WebhookPolicy,
} from './webhook-delivery';

const policy: WebhookPolicy = { attempts: 3, timeoutMs: 1_000, backoffMs: 100 };
const request = {
  url: 'https://merchant.example/hooks/orders',
  idempotencyKey: '2ed6657d-e927-568b-95e1-2665a8aea6a2',
  body: { notificationId: '2ed6657d-e927-568b-95e1-2665a8aea6a2', kind: 'order.created' },
};

/** A fake fetch answering each call with the next outcome: a status, or an error to throw. */
function scriptedFetch(...outcomes: (number | Error)[]) {
  const fetchFn = jest.fn<ReturnType<WebhookFetch>, Parameters<WebhookFetch>>((_url, _init) => {
    const next = outcomes.shift() ?? 500;
    return next instanceof Error
      ? Promise.reject(next)
      : Promise.resolve(new Response(null, { status: next }));
  });
  return fetchFn;
}

function clientWith(fetchFn: WebhookFetch) {
  const pauses: number[] = [];
  const client = new WebhookClient(policy, fetchFn, (ms) => {
    pauses.push(ms);
    return Promise.resolve();
  });
  return { client, pauses };
}

describe('WebhookClient', () => {
  it('POSTs the JSON body with the notification id as Idempotency-Key', async () => {
    const fetchFn = scriptedFetch(204);
    const { client, pauses } = clientWith(fetchFn);

    await expect(client.deliver(request)).resolves.toBe(1);

    expect(fetchFn).toHaveBeenCalledTimes(1);
    const [url, init] = fetchFn.mock.calls[0]!;
    expect(url).toBe(request.url);
    expect(init.method).toBe('POST');
    expect(init.headers).toEqual({
      'content-type': 'application/json',
      'idempotency-key': request.idempotencyKey,
    });
    expect(JSON.parse(init.body as string)).toEqual(request.body);
    expect(init.signal).toBeInstanceOf(AbortSignal);
    expect(init.redirect).toBe('error');
    expect(pauses).toEqual([]);
  });

  it('retries a failing webhook with doubling pauses until it answers 2xx', async () => {
    const fetchFn = scriptedFetch(503, new TypeError('fetch failed'), 200);
    const { client, pauses } = clientWith(fetchFn);

    await expect(client.deliver(request)).resolves.toBe(3);
    expect(fetchFn).toHaveBeenCalledTimes(3);
    expect(pauses).toEqual([100, 200]);
  });

  it('gives up after the configured attempts with a transient error the broker retries', async () => {
    const fetchFn = scriptedFetch(500, 500, 404, 200);
    const { client } = clientWith(fetchFn);

    const failure = client.deliver(request);
    await expect(failure).rejects.toThrow(WebhookDeliveryError);
    await expect(failure).rejects.toThrow(/after 3 attempt\(s\): HTTP 404/);
    await expect(failure).rejects.not.toBeInstanceOf(PermanentMessageError);
    expect(fetchFn).toHaveBeenCalledTimes(3);
  });

  it('counts a timeout as a failed attempt', async () => {
    const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    const fetchFn = scriptedFetch(timeout, 201);
    const { client } = clientWith(fetchFn);
    await expect(client.deliver(request)).resolves.toBe(2);
  });

  it('aborts a request that outlives the timeout (real timer, fake server)', async () => {
    const hanging: WebhookFetch = (_url, init) =>
      new Promise((_resolve, reject) =>
        init.signal?.addEventListener('abort', () => reject(init.signal?.reason as Error)),
      );
    const client = new WebhookClient({ attempts: 1, timeoutMs: 20, backoffMs: 0 }, hanging);
    await expect(client.deliver(request)).rejects.toThrow(/timeout/i);
  });
});

describe('backoffDelay', () => {
  it('doubles from the base for each further retry', () => {
    expect([1, 2, 3, 4].map((retry) => backoffDelay(retry, 200))).toEqual([200, 400, 800, 1600]);
  });
});
