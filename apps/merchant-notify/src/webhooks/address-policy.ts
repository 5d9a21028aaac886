import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/**
 * IPv6 forms that carry an IPv4 address in their last 32 bits: the address
 * really reached is that IPv4 one (::ffff:127.0.0.1 is loopback, and so is
 * 64:ff9b::7f00:1 behind a NAT64 gateway), so it is judged instead. The
 * local-use NAT64 prefix (64:ff9b:1::/48) is never global: refused as such.
 */
const EMBEDS_IPV4: [Address, number][] = [
  ipaddr.parseCIDR('::ffff:0:0/96'),
  ipaddr.parseCIDR('::ffff:0:0:0/96'),
  ipaddr.parseCIDR('64:ff9b::/96'),
];

/**
 * Where a webhook may connect: only global unicast addresses (no loopback,
 * private, link-local, carrier-grade NAT, metadata or reserved ones), unless
 * the operator names the host or a range in WEBHOOK_ALLOWED_HOSTS. Judged on
 * every address a name resolves to, at registration and again at connect
 * time, so a name that later resolves inward (DNS rebinding) is refused too.
 */
export class WebhookAddressPolicy {
  private readonly hosts = new Set<string>();
  private readonly ranges: [Address, number][] = [];

  /** `allowed`: host names, IP addresses or CIDR ranges (WEBHOOK_ALLOWED_HOSTS). */
  constructor(allowed: readonly string[] = []) {
    for (const entry of allowed) {
      if (entry.includes('/')) this.ranges.push(ipaddr.parseCIDR(entry));
      else if (ipaddr.isValid(entry)) this.ranges.push(hostRange(ipaddr.parse(entry)));
      else this.hosts.add(entry.toLowerCase());
    }
  }

  /** The operator allowed this host name as such: its addresses are not judged. */
  allowsHostName(hostname: string): boolean {
    return this.hosts.has(hostname.toLowerCase());
  }

  /** Why a connection to `address` is refused, or null when it may be made. */
  refusal(address: string): string | null {
    if (!ipaddr.isValid(address)) return `${address} is not an IP address`;
    const parsed = ipaddr.parse(address);
    const reached = embeddedIPv4(parsed) ?? parsed;
    if (this.ranges.some((range) => inRange(parsed, range) || inRange(reached, range))) {
      return null;
    }
    const range = reached.range();
    return range === 'unicast' ? null : `${address} is a ${range} address`;
  }
}

/** An IP address written in the allow list stands for itself only. */
function hostRange(address: Address): [Address, number] {
  return [address, address.kind() === 'ipv4' ? 32 : 128];
}

function inRange(address: Address, [network, bits]: [Address, number]): boolean {
  return address.kind() === network.kind() && address.match(network, bits);
}

function embeddedIPv4(address: Address): ipaddr.IPv4 | null {
  if (!EMBEDS_IPV4.some((prefix) => inRange(address, prefix))) return null;
  return new ipaddr.IPv4(address.toByteArray().slice(12));
}
