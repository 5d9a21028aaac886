import { startScratchServices, type IssueToken } from '@dinner-rush/testing';
import type { PipelineApp, PipelineService } from './npm-start-ports';
import { startNpmStartPipeline } from './npm-start-pipeline';

/** What a bench measures against: how it was started, where it answers, how to stop it. */
export interface SetUp {
  /** Written beside every figure, so a reduced set-up's figure is never read as the pipeline's. */
  label: string;
  rabbitmqUrl: string;
  url(app: PipelineApp): string;
  /** A token from the issuer this set-up's services trust. */
  issueToken: IssueToken;
  stop(): Promise<void>;
}

/**
 * Benches measure capacity from one client address: the per-client rate limits
 * (there to stop one client flooding intake) would measure themselves.
 */
export const NO_RATE_LIMITS: Record<string, string> = {
  ORDER_RATE_LIMIT: '0',
  QUOTE_RATE_LIMIT: '0',
};

export const FULL_SET_UP =
  'full pipeline as npm start runs it (start-all: five services + dashboard)';

/** Everything `npm start` runs, on its ports, in a scratch database and vhost. */
export async function fullSetUp(label: string, env: Record<string, string> = {}): Promise<SetUp> {
  const pipeline = await startNpmStartPipeline(label, env);
  return {
    label: FULL_SET_UP,
    rabbitmqUrl: pipeline.vhost.url,
    url: (app) => pipeline.url(app),
    issueToken: pipeline.issueToken,
    stop: () => pipeline.stop(),
  };
}

/**
 * The set-up the benches used before they ran the full pipeline: only some
 * services, each on a free port (libs/testing's scratch services), logs at
 * warn. Kept to compare with older figures.
 */
export async function reducedSetUp(
  label: string,
  description: string,
  services: readonly PipelineService[],
  env: Record<string, string> = {},
): Promise<SetUp> {
  const scratch = await startScratchServices(label, {
    services,
    // The outbox poll as `npm start` runs it: a bench measures the real thing.
    common: { OUTBOX_POLL_MS: '1000', ...env },
    oneAtATime: true,
  });
  return {
    label: `reduced set-up (${description})`,
    rabbitmqUrl: scratch.vhost.url,
    url: (app) => {
      if (app === 'dashboard' || app === 'dev-issuer')
        throw new Error(`the reduced set-up runs no ${app}`);
      return scratch.url(app);
    },
    issueToken: (role, sub) => scratch.issuer.token(role, sub),
    stop: () => scratch.stop(),
  };
}
