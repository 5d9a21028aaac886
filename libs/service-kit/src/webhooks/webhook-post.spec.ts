import {
  drippingAnswer,
  FakeWebhookReceiver,
  freePort,
  hugeAnswer,
  silentAnswer,
} from '@dinner-rush/testing';
import { postWebhook, WEBHOOK_MAX_RESPONSE_BYTES, type WebhookFailureReason } from './webhook-post';

/** One POST against real HTTP servers on 127.0.0.1. */
describe('postWebhook', () => {
  let endpoint: FakeWebhookReceiver | undefined;

  afterEach(async () => {
    await endpoint?.stop();
    endpoint = undefined;
  });

  const post = (url: string, deadlineMs = 2_000) =>
    postWebhook(
      { url, headers: { 'content-type': 'application/json', 'x-probe': '1' }, body: '{"a":1}' },
      { deadlineMs },
    );
  const failsWith = async (attempt: Promise<void>, reason: WebhookFailureReason) => {
    await expect(attempt).rejects.toMatchObject({ name: 'WebhookAttemptError', reason });
  };

  it('sends the exact body and headers and resolves on 2xx', async () => {
    endpoint = await FakeWebhookReceiver.start([204]);
    await post(endpoint.url);
    expect(endpoint.received).toEqual([
      expect.objectContaining({
        raw: '{"a":1}',
        headers: expect.objectContaining({ 'x-probe': '1' }),
      }),
    ]);
  });

  it('fails on a non-2xx answer, a redirect included (never followed)', async () => {
    endpoint = await FakeWebhookReceiver.start([
      500,
      (res) => {
        res.writeHead(307, { location: 'http://127.0.0.1:9/elsewhere' });
        res.end();
      },
    ]);
    await expect(post(endpoint.url)).rejects.toThrow('HTTP 500');
    await failsWith(post(endpoint.url), 'http-status');
    expect(endpoint.received).toHaveLength(2);
  });

  it('fails on a refused connection, naming it', async () => {
    const closed = `http://127.0.0.1:${await freePort()}/hook`;
    await expect(post(closed)).rejects.toThrow(/ECONNREFUSED/);
    await failsWith(post(closed), 'unreachable');
  });

  it('cuts an endless answer at the size cap instead of reading it all', async () => {
    const huge = hugeAnswer(100 * 1024 * 1024);
    endpoint = await FakeWebhookReceiver.start([huge.answer]);
    await failsWith(post(endpoint.url, 30_000), 'response-too-large');
    // What left the server: the cap plus what socket buffers held, nowhere near 100 MB.
    expect(huge.produced()).toBeLessThan(16 * 1024 * 1024);
  });

  it('refuses an answer declaring a length past the cap without reading it', async () => {
    endpoint = await FakeWebhookReceiver.start([
      (res) => {
        res.writeHead(200, { 'content-length': String(WEBHOOK_MAX_RESPONSE_BYTES + 1) });
        res.write('x');
      },
    ]);
    await failsWith(post(endpoint.url), 'response-too-large');
  });

  it('holds one deadline over headers and body: a trickling 200 is a timeout, not a success', async () => {
    endpoint = await FakeWebhookReceiver.start([drippingAnswer(20), silentAnswer]);
    await failsWith(post(endpoint.url, 300), 'timeout');
    await failsWith(post(endpoint.url, 300), 'timeout');
  });
});
