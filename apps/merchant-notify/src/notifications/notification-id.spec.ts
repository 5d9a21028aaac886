import { randomUUID } from 'node:crypto';
import { notificationIdFor, uuidV5 } from './notification-id';

describe('notification id', () => {
  it('is a standard UUID v5 (RFC 9562 test vector: DNS namespace, "www.example.com")', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });

  it('is the same for a redelivered message, whatever the case of its id', () => {
    const messageId = randomUUID();
    expect(notificationIdFor(messageId)).toBe(notificationIdFor(messageId.toUpperCase()));
  });

  it('differs between messages and from the message id itself', () => {
    const [a, b] = [randomUUID(), randomUUID()];
    expect(notificationIdFor(a)).not.toBe(notificationIdFor(b));
    expect(notificationIdFor(a)).not.toBe(a);
    expect(notificationIdFor(a)).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});
