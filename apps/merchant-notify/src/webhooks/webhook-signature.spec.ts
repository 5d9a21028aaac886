import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { newSigningSecret, signatureHeaders } from './webhook-signature';

/** The Standard Webhooks v1 signature, written out with node:crypto only (independent of the package). */
function expectedSignature(secret: string, id: string, timestamp: string, body: string): string {
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

describe('webhook signature', () => {
  const body = JSON.stringify({ notificationId: 'n-1', kind: 'order.created' });
  const at = new Date('2026-12-05T12:00:00.750Z');

  it('makes a fresh 32-byte secret in the whsec_ form each time', () => {
    const secret = newSigningSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(newSigningSecret()).not.toBe(secret);
  });

  it('signs "id.timestamp.body" with HMAC-SHA256 under the decoded key, timestamp in whole seconds', () => {
    const secret = newSigningSecret();
    const headers = signatureHeaders(secret, 'n-1', body, at);
    expect(headers['webhook-id']).toBe('n-1');
    expect(headers['webhook-timestamp']).toBe('1796472000');
    expect(headers['webhook-signature']).toBe(expectedSignature(secret, 'n-1', '1796472000', body));
  });

  it('matches the spec test vector', () => {
    // From the Standard Webhooks specification's reference libraries.
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const headers = signatureHeaders(
      secret,
      'msg_p5jXN8AQM9LWM0D4loKWxJek',
      '{"test": 2432232314}',
      new Date(1614265330 * 1000),
    );
    expect(headers['webhook-signature']).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('is verified by a Standard Webhooks receiver, and not once the body changes', () => {
    const secret = newSigningSecret();
    const now = new Date();
    const headers = signatureHeaders(secret, 'n-2', body, now);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() =>
      new Webhook(secret).verify(body.replace('created', 'cancelled'), headers),
    ).toThrow();
  });
});
