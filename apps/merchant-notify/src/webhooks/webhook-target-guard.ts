import { lookup } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';
import { WebhookAttemptError } from '@dinner-rush/service-kit';
import { Agent, buildConnector } from 'undici';
import type { WebhookAddressPolicy } from './address-policy';

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Every address a host name resolves to (the system resolver by default; tests pass their own). */
export type ResolveHost = (hostname: string) => Promise<ResolvedAddress[]>;

const systemResolver: ResolveHost = (hostname) => lookup(hostname, { all: true, verbatim: true });

/**
 * Keeps merchant webhooks from being aimed inward: a URL is judged when it is
 * registered, and every connection is judged again on the addresses it is
 * about to use (resolved once, by the lookup the socket connects with), so a
 * name that resolves elsewhere later (DNS rebinding) is refused before any
 * byte is sent.
 */
export class WebhookTargetGuard {
  constructor(
    private readonly policy: WebhookAddressPolicy,
    private readonly resolve: ResolveHost = systemResolver,
  ) {}

  /** Why webhooks may not go to `hostname` (as URL.hostname gives it), or null. */
  async refusal(hostname: string): Promise<string | null> {
    const host = hostname.replace(/^\[(.*)\]$/, '$1');
    if (this.policy.allowsHostName(host)) return null;
    if (isIP(host)) return this.policy.refusal(host);
    try {
      return this.judge(host, await this.resolve(host));
    } catch (error) {
      return `${host} does not resolve (${(error as { code?: string }).code ?? String(error)})`;
    }
  }

  /** An undici dispatcher whose every new connection first passes the guard. */
  dispatcher(connectTimeoutMs: number): Agent {
    const connect = buildConnector({ timeout: connectTimeoutMs, lookup: this.lookup });
    return new Agent({
      connect: (options, callback) => {
        // An IP literal is connected to without a lookup: judge it here.
        const refusal =
          isIP(options.hostname) && !this.policy.allowsHostName(options.hostname)
            ? this.policy.refusal(options.hostname)
            : null;
        if (refusal) callback(refused(refusal), null);
        else connect(options, callback);
      },
    });
  }

  private judge(host: string, addresses: readonly ResolvedAddress[]): string | null {
    if (addresses.length === 0) return `${host} resolves to no address`;
    for (const { address } of addresses) {
      const refusal = this.policy.refusal(address);
      if (refusal) return `${host} resolves to ${address}: ${refusal}`;
    }
    return null;
  }

  /** net.connect's lookup: resolves, refuses when any address is inward, else hands them over. */
  private readonly lookup: LookupFunction = (hostname, options, callback) => {
    this.resolve(hostname).then(
      (all) => {
        const refusal = this.policy.allowsHostName(hostname) ? null : this.judge(hostname, all);
        if (refusal) return callback(refused(refusal), '', 0);
        const wanted = all.filter((a) => !options.family || a.family === options.family);
        if (wanted.length === 0) return callback(notFound(hostname), '', 0);
        if (options.all) return callback(null, wanted);
        callback(null, wanted[0]!.address, wanted[0]!.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };
}

function refused(reason: string): WebhookAttemptError {
  return new WebhookAttemptError('address-refused', `refused: ${reason}`);
}

function notFound(hostname: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
}
