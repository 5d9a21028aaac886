import { postWebhook } from '@dinner-rush/service-kit';
import { FakeWebhookReceiver } from '@dinner-rush/testing';
import { WebhookAddressPolicy } from './address-policy';
import { WebhookTargetGuard, type ResolveHost } from './webhook-target-guard';

/** A resolver answering from a table, like DNS would (unknown names: ENOTFOUND). */
function resolverFrom(table: Record<string, string[]>): ResolveHost & { calls: string[] } {
  const calls: string[] = [];
  const resolve = (hostname: string) => {
    calls.push(hostname);
    const addresses = table[hostname];
    if (!addresses) return Promise.reject(Object.assign(new Error('nope'), { code: 'ENOTFOUND' }));
    return Promise.resolve(
      addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
    );
  };
  return Object.assign(resolve, { calls });
}

/**
 * The guard on real sockets: a receiver listening on every loopback address
 * (IPv4 and IPv6) counts connections, so "refused" means no connection was
 * ever opened, not merely that the answer was ignored.
 */
describe('WebhookTargetGuard', () => {
  let canary: FakeWebhookReceiver;
  const deliver = (guard: WebhookTargetGuard, url: string) =>
    postWebhook(
      { url, headers: {}, body: '{}' },
      { deadlineMs: 2_000, dispatcher: guard.dispatcher(2_000) },
    );

  beforeAll(async () => {
    canary = await FakeWebhookReceiver.start([], '::');
  });

  afterAll(async () => {
    await canary.stop();
  });

  describe('at registration', () => {
    const guard = new WebhookTargetGuard(
      new WebhookAddressPolicy(),
      resolverFrom({
        'shop.example': ['93.184.216.34'],
        'sneaky.example': ['93.184.216.34', '10.0.0.7'],
      }),
    );

    it.each([
      ['127.0.0.1', '127.0.0.1 is a loopback address'],
      ['[::1]', '::1 is a loopback address'],
      ['[::ffff:7f00:1]', '::ffff:7f00:1 is a loopback address'],
      ['169.254.169.254', '169.254.169.254 is a linkLocal address'],
      ['sneaky.example', 'sneaky.example resolves to 10.0.0.7: 10.0.0.7 is a private address'],
      ['gone.example', 'gone.example does not resolve (ENOTFOUND)'],
    ])('refuses %s', async (hostname, reason) => {
      await expect(guard.refusal(hostname)).resolves.toBe(reason);
    });

    it('accepts a name whose every address is public', async () => {
      await expect(guard.refusal('shop.example')).resolves.toBeNull();
    });

    it('judges localhost by what the system resolver says it is', async () => {
      const system = new WebhookTargetGuard(new WebhookAddressPolicy());
      await expect(system.refusal('localhost')).resolves.toMatch(
        /^localhost resolves to .* loopback address$/,
      );
    });
  });

  describe('at connect time', () => {
    const guard = new WebhookTargetGuard(
      new WebhookAddressPolicy(),
      resolverFrom({ 'inward.example': ['127.0.0.1'], 'inward6.example': ['::1'] }),
    );

    it.each([
      'http://127.0.0.1:PORT/hook',
      'http://127.1:PORT/hook',
      'http://2130706433:PORT/hook',
      'http://0.0.0.0:PORT/hook',
      'http://[::1]:PORT/hook',
      'http://[::ffff:127.0.0.1]:PORT/hook',
      'http://[::ffff:7f00:1]:PORT/hook',
      'http://[64:ff9b::7f00:1]:PORT/hook',
      'http://localhost:PORT/hook',
      'http://inward.example:PORT/hook',
      'http://inward6.example:PORT/hook',
    ])('refuses %s without connecting', async (pattern) => {
      const guarded = pattern.includes('localhost')
        ? new WebhookTargetGuard(new WebhookAddressPolicy())
        : guard;
      await expect(
        deliver(guarded, pattern.replace('PORT', String(canary.port))),
      ).rejects.toMatchObject({
        reason: 'address-refused',
      });
      expect(canary.connections).toBe(0);
    });

    it('refuses a name that resolved to a public address at registration and inward now (DNS rebinding)', async () => {
      let answers = [['93.184.216.34'], ['127.0.0.1']];
      const rebinding = new WebhookTargetGuard(new WebhookAddressPolicy(), (hostname) => {
        const [next, ...rest] = answers;
        answers = rest.length > 0 ? rest : answers;
        return resolverFrom({ [hostname]: next! })(hostname);
      });
      await expect(rebinding.refusal('rebind.example')).resolves.toBeNull();
      await expect(
        deliver(rebinding, `http://rebind.example:${canary.port}/hook`),
      ).rejects.toMatchObject({
        reason: 'address-refused',
        message: expect.stringContaining('rebind.example resolves to 127.0.0.1'),
      });
      expect(canary.connections).toBe(0);
    });
  });

  describe('with the operator allow list', () => {
    it('connects to an allowed address, and only to it', async () => {
      const before = canary.connections;
      const guard = new WebhookTargetGuard(new WebhookAddressPolicy(['127.0.0.1']));
      await deliver(guard, `http://127.0.0.1:${canary.port}/hook`);
      await expect(deliver(guard, `http://[::1]:${canary.port}/hook`)).rejects.toMatchObject({
        reason: 'address-refused',
      });
      expect(canary.connections).toBe(before + 1);
    });

    it('connects to an allowed host name, whatever it resolves to', async () => {
      const before = canary.received.length;
      const resolve = resolverFrom({ 'receiver.internal': ['127.0.0.1'] });
      const guard = new WebhookTargetGuard(
        new WebhookAddressPolicy(['receiver.internal']),
        resolve,
      );
      await expect(guard.refusal('receiver.internal')).resolves.toBeNull();
      await deliver(guard, `http://receiver.internal:${canary.port}/hook`);
      expect(canary.received.length).toBe(before + 1);
      expect(resolve.calls).toEqual(['receiver.internal']);
    });
  });
});
