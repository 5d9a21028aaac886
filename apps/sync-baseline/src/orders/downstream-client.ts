import { Inject, Injectable } from '@nestjs/common';
import { bearerHeader, TokenClient } from '@dinner-rush/auth';
import type { Envelope } from '@dinner-rush/contracts';
import { SYNC_CONFIG } from '../app-config';
import type { SyncBaselineConfig } from '../config';

export type DownstreamName = 'rider-assignment' | 'merchant-notify' | 'ledger';

/** Why a downstream call did not succeed: it timed out, or it failed (refused, 4xx/5xx). */
export class DownstreamError extends Error {
  constructor(
    readonly service: DownstreamName,
    readonly kind: 'timeout' | 'failed',
    detail: string,
  ) {
    super(`${service}: ${detail}`);
    this.name = 'DownstreamError';
  }
}

/**
 * Delivers one event to a downstream service's POST /events and waits for it
 * to commit. /events is operator-only: the baseline calls it as the tools
 * client (client_credentials), as the relay's broker user stands in for it
 * in the queued pipeline.
 */
@Injectable()
export class DownstreamClient {
  private readonly urls: Record<DownstreamName, string>;

  constructor(
    @Inject(SYNC_CONFIG) private readonly config: SyncBaselineConfig,
    private readonly tokens: TokenClient,
  ) {
    this.urls = {
      'rider-assignment': config.RIDER_ASSIGNMENT_URL,
      'merchant-notify': config.MERCHANT_NOTIFY_URL,
      ledger: config.LEDGER_URL,
    };
  }

  async deliver(service: DownstreamName, envelope: Envelope): Promise<void> {
    let response: Response;
    try {
      const token = await this.tokens.operator();
      response = await fetch(new URL('/events', this.urls[service]), {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...bearerHeader(token) },
        body: JSON.stringify(envelope),
        signal: AbortSignal.timeout(this.config.DOWNSTREAM_TIMEOUT_MS),
      });
    } catch (error) {
      const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
      throw new DownstreamError(
        service,
        timedOut ? 'timeout' : 'failed',
        timedOut ? `no answer within ${this.config.DOWNSTREAM_TIMEOUT_MS} ms` : causeOf(error),
      );
    }
    const body = await response.text();
    if (!response.ok) {
      throw new DownstreamError(service, 'failed', `HTTP ${response.status} ${body.slice(0, 300)}`);
    }
  }
}

/** fetch reports "fetch failed" and keeps the reason (ECONNREFUSED, …) in `cause`. */
function causeOf(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined;
  return cause?.code ?? String(error);
}
