import { Queues } from '@dinner-rush/contracts';
import {
  anyValue,
  FakeWebhookReceiver,
  FuzzTally,
  fuzzConsumerControl,
  hostileBody,
  hostileHeaders,
  nastyString,
  pathSegment,
  percentEncoded,
  queryString,
  sendHostile,
  tryInput,
} from '@dinner-rush/testing';
import fc from 'fast-check';
import { aMerchantId } from './factories';
import { startMerchantNotify, type MerchantNotifyHarness } from './harness';

/**
 * Property-based fuzz of every merchant-notify route's input against a real
 * PostgreSQL and RabbitMQ: arbitrary merchant ids, webhook bodies (broken
 * JSON, wrong types, NUL bytes, lone surrogates, unknown fields, URLs aimed
 * inward), query strings and hostile headers. The answer is never a 5xx, a
 * refusal writes nothing, and no request makes the service connect anywhere:
 * a canary on every loopback address counts TCP connections. Counts go to
 * test-artifacts/input-fuzz-merchant-notify.json.
 */
jest.setTimeout(240_000);

const RUNS = 120;

describe('merchant-notify input fuzz (fast-check, real PostgreSQL + RabbitMQ)', () => {
  let mn: MerchantNotifyHarness;
  let canary: FakeWebhookReceiver;
  const tally = new FuzzTally('input-fuzz-merchant-notify.json');
  const merchantIds = [aMerchantId(), aMerchantId()];

  beforeAll(async () => {
    canary = await FakeWebhookReceiver.start([], '::');
    mn = await startMerchantNotify();
  });

  afterAll(async () => {
    await mn?.close();
    await canary?.stop();
    tally.write();
  });

  /** A webhook URL: public, aimed at the canary (refused), or not a URL at all. */
  const webhookUrl = () =>
    fc.oneof(
      // Public addresses, which are registered: the route's writes are fuzzed too.
      {
        weight: 3,
        arbitrary: fc.constantFrom(
          'https://93.184.215.14/hook',
          'http://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/',
        ),
      },
      fc.constantFrom(
        `http://127.0.0.1:${canary.port}/hook`,
        `http://[::1]:${canary.port}/hook`,
        `http://localhost:${canary.port}/hook`,
        `http://[::ffff:127.0.0.1]:${canary.port}/hook`,
        `http://2130706433:${canary.port}/hook`,
        'https://93.184.215.14/hook',
        'https://no-such-host.invalid/hook',
        'ftp://93.184.215.14/hook',
        'javascript:alert(1)',
        `https://93.184.215.14/${'a'.repeat(2_100)}`,
      ),
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      nastyString.map((s) => `https://${s}/hook`),
      anyValue,
    );

  const webhookBody = () =>
    fc.oneof(
      { weight: 3, arbitrary: fc.record({ url: webhookUrl() }) },
      fc.record({ url: webhookUrl(), extra: anyValue }),
      fc.dictionary(fc.string({ maxLength: 10 }), anyValue),
    );

  it('PUT, GET and DELETE /merchants/:id/webhook: never a 5xx, a refusal writes nothing, nothing connects', async () => {
    await fc.assert(
      fc.asyncProperty(
        pathSegment(...merchantIds),
        hostileBody(webhookBody()),
        hostileHeaders,
        fc.boolean(),
        async (id, body, headers, remove) => {
          const path = `/merchants/${percentEncoded(id)}/webhook`;
          await tryInput(tally, 'PUT /merchants/:id/webhook', mn.sql, () =>
            sendHostile(mn.http().put(path), headers, body),
          );
          await tryInput(tally, 'GET /merchants/:id/webhook', mn.sql, () =>
            sendHostile(mn.http().get(path), headers),
          );
          if (remove) {
            await tryInput(tally, 'DELETE /merchants/:id/webhook', mn.sql, () =>
              sendHostile(mn.http().delete(path), headers),
            );
          }
          expect(canary.connections).toBe(0);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('GET /merchants/:id/notifications?limit=: never a 5xx, writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        pathSegment(...merchantIds),
        queryString('limit'),
        hostileHeaders,
        async (id, query, headers) => {
          await tryInput(tally, 'GET /merchants/:id/notifications', mn.sql, () =>
            sendHostile(
              mn.http().get(`/merchants/${percentEncoded(id)}/notifications?${query}`),
              headers,
            ),
          );
        },
      ),
      { numRuns: RUNS },
    );
    expect(canary.connections).toBe(0);
  });

  it('the admin consumer control: never a 5xx, a refusal writes nothing', () =>
    fuzzConsumerControl(mn, tally, [Queues.merchantNotify.queue], RUNS));
});
