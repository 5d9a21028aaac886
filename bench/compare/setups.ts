import {
  bearerHeader,
  freePort,
  issuerTokens,
  ServiceProcess,
  startScratchServices,
  type IssueToken,
} from '@dinner-rush/testing';
import type { Downstream } from '../shared/queue-depths';

/** The order service and the three consumers the issue's experiment names (not every consumer). */
const COMPARED_SERVICES = [
  'order-service',
  'rider-assignment',
  'merchant-notify',
  'ledger',
] as const;

/** Simulated work: the order's own, and each downstream step's. */
export interface WorkTimes {
  orderWorkMs: number;
  downstreamWorkMs: number;
}

/** Both set-ups side by side: the queued pipeline and the synchronous chain over the same consumers. */
export interface CompareSetups {
  mode: 'managed' | 'external';
  orderUrl: string;
  syncUrl: string;
  ledgerUrl: string;
  downstreamUrls: Record<Downstream, string>;
  rabbitmqUrl: string;
  /** A token from the issuer both set-ups trust. */
  issueToken: IssueToken;
  /** Stops / restarts one downstream service (only where this tool started it). */
  stop?(service: Downstream): Promise<void>;
  start?(service: Downstream): Promise<void>;
  close(): Promise<void>;
}

export interface ExternalTargets {
  orderUrl: string;
  /** A running sync baseline; without one, this tool starts it against downstreamUrls. */
  syncUrl?: string;
  downstreamUrls: Record<Downstream, string>;
  rabbitmqUrl: string;
}

/**
 * The managed set-up: the four services and the sync baseline as processes
 * from dist/, on free ports, in a scratch database and vhost dropped at the
 * end. The consumers run with HTTP_INGEST so the baseline can call them; a
 * fast rider fleet keeps riders from being the bottleneck of either set-up
 * (this experiment is about the call chain, not the fleet).
 */
export async function startManagedSetups(
  work: WorkTimes,
  label = 'compare',
): Promise<CompareSetups> {
  const downstreamWork = { WORK_TIME_MS: String(work.downstreamWorkMs), HTTP_INGEST: 'true' };
  const scratch = await startScratchServices(label, {
    services: COMPARED_SERVICES,
    env: {
      'order-service': { ORDER_WORK_TIME_MS: String(work.orderWorkMs) },
      // The default fleet (25), delivering in 250 ms: 100 deliveries/s, far above the compared rates.
      'rider-assignment': { ...downstreamWork, RIDER_DELIVERY_MS: '250' },
      'merchant-notify': downstreamWork,
      ledger: downstreamWork,
    },
    common: { OUTBOX_POLL_MS: '200' },
    oneAtATime: true,
  });
  const { services } = scratch;
  const downstreamUrls: Record<Downstream, string> = {
    'rider-assignment': services['rider-assignment'].baseUrl,
    'merchant-notify': services['merchant-notify'].baseUrl,
    ledger: services.ledger.baseUrl,
  };
  // The baseline trusts this run's issuer and asks it for the token it calls the consumers with.
  const sync = await startSyncBaseline(downstreamUrls, work, label, scratch.issuer.env).catch(
    async (error: unknown) => {
      await scratch.stop();
      throw error;
    },
  );
  return {
    mode: 'managed',
    orderUrl: services['order-service'].baseUrl,
    syncUrl: sync.baseUrl,
    ledgerUrl: services.ledger.baseUrl,
    downstreamUrls,
    rabbitmqUrl: scratch.vhost.url,
    issueToken: (role, sub) => scratch.issuer.token(role, sub),
    stop: async (service) => void (await services[service].stop('SIGTERM')),
    start: (service) => services[service].start(),
    close: async () => {
      await sync.stop('SIGTERM');
      await scratch.stop();
    },
  };
}

/**
 * Targets a pipeline that is already running (e.g. `HTTP_INGEST=true
 * WORK_TIME_MS=300 ORDER_WORK_TIME_MS=500 npm start`). Starts the sync
 * baseline against its consumers unless one is given. Tokens come from
 * OIDC_ISSUER (npm start's dev issuer by default), which the baseline inherits.
 */
export async function externalSetups(
  targets: ExternalTargets,
  work: WorkTimes,
): Promise<CompareSetups> {
  const sync = targets.syncUrl
    ? undefined
    : await startSyncBaseline(targets.downstreamUrls, work, 'compare-external');
  return {
    mode: 'external',
    orderUrl: targets.orderUrl,
    syncUrl: targets.syncUrl ?? sync?.baseUrl ?? '',
    ledgerUrl: targets.downstreamUrls.ledger,
    downstreamUrls: targets.downstreamUrls,
    rabbitmqUrl: targets.rabbitmqUrl,
    issueToken: issuerTokens(),
    close: async () => void (await sync?.stop('SIGTERM')),
  };
}

async function startSyncBaseline(
  downstreamUrls: Record<Downstream, string>,
  work: WorkTimes,
  label: string,
  issuerEnv: Record<string, string> = {},
): Promise<ServiceProcess> {
  const sync = new ServiceProcess(
    'sync-baseline',
    await freePort(),
    {
      LOG_LEVEL: 'warn',
      ORDER_WORK_TIME_MS: String(work.orderWorkMs),
      RIDER_ASSIGNMENT_URL: downstreamUrls['rider-assignment'],
      MERCHANT_NOTIFY_URL: downstreamUrls['merchant-notify'],
      LEDGER_URL: downstreamUrls.ledger,
      ...issuerEnv,
    },
    `${label}-sync-baseline`,
  );
  await sync.start();
  return sync;
}

/**
 * Each downstream that should be up must take events over HTTP: POST /events
 * (operator-only) with an empty body answers 422 (ingestion on, envelope
 * invalid), not 404.
 */
export async function assertHttpIngest(
  downstreamUrls: Record<Downstream, string>,
  operatorToken: string,
  except?: Downstream,
): Promise<void> {
  for (const [service, url] of Object.entries(downstreamUrls) as [Downstream, string][]) {
    if (service === except) continue;
    const response = await fetch(new URL('/events', url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearerHeader(operatorToken) },
      body: '{}',
    }).catch((error: unknown) => {
      throw new Error(`${service} at ${url} does not answer: ${String(error)}`);
    });
    await response.arrayBuffer();
    if (response.status !== 422) {
      throw new Error(
        `${service} at ${url} answered POST /events with ${response.status}: start it with HTTP_INGEST=true`,
      );
    }
  }
}
