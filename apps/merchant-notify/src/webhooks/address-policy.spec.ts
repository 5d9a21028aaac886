import { WebhookAddressPolicy } from './address-policy';

describe('WebhookAddressPolicy', () => {
  const policy = new WebhookAddressPolicy();

  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fc00::1', 'uniqueLocal'],
    ['fd00::2', 'uniqueLocal'],
    ['fe80::1', 'linkLocal'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:a9fe:a9fe', 'linkLocal'],
    ['::ffff:0:10.0.0.1', 'private'],
    ['64:ff9b::7f00:1', 'loopback'],
    ['64:ff9b::a00:1', 'private'],
    ['64:ff9b:1::1', 'rfc6052'],
    ['2002:7f00:1::1', '6to4'],
  ])('refuses %s (%s)', (address, range) => {
    expect(policy.refusal(address)).toBe(`${address} is a ${range} address`);
  });

  it.each([
    '8.8.8.8',
    '172.32.0.1',
    '100.128.0.1',
    '2606:4700::1111',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808',
  ])('lets %s through (global unicast)', (address) => {
    expect(policy.refusal(address)).toBeNull();
  });

  it('refuses what is not an IP address at all', () => {
    expect(policy.refusal('localhost')).toBe('localhost is not an IP address');
  });

  describe('with an operator allow list', () => {
    const allowing = new WebhookAddressPolicy(['127.0.0.1', '10.20.0.0/16', 'Receiver.Internal']);

    it('lets the named addresses and ranges through, in any written form', () => {
      expect(allowing.refusal('127.0.0.1')).toBeNull();
      expect(allowing.refusal('::ffff:127.0.0.1')).toBeNull();
      expect(allowing.refusal('10.20.3.4')).toBeNull();
    });

    it('still refuses what it does not name', () => {
      expect(allowing.refusal('127.0.0.2')).toBe('127.0.0.2 is a loopback address');
      expect(allowing.refusal('10.21.0.1')).toBe('10.21.0.1 is a private address');
      expect(allowing.refusal('::1')).toBe('::1 is a loopback address');
    });

    it('names hosts case-insensitively', () => {
      expect(allowing.allowsHostName('receiver.internal')).toBe(true);
      expect(allowing.allowsHostName('other.internal')).toBe(false);
      expect(policy.allowsHostName('receiver.internal')).toBe(false);
    });
  });
});
