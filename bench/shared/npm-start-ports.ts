import { isListening, pidsListeningOn } from '../../tools/preflight/listening-sockets';
import { pipelinePorts, type PipelineAppName } from '../../tools/supervisor/pipeline-apps';
import { readCmdline } from './proc-stat';

/**
 * The fixed ports `npm start` uses: each app's PORT default
 * (apps/<name>/src/config.ts), where start-all puts it unless PORT_<APP> says
 * otherwise (the bench's pipeline sets those to exactly these).
 */
export const NPM_START_PORTS = pipelinePorts({});

export type PipelineApp = PipelineAppName;

/** The five services (each with /health backed by its database and broker). */
export const PIPELINE_SERVICES = [
  'order-service',
  'rider-assignment',
  'merchant-notify',
  'ledger',
  'customer-notify',
] as const satisfies readonly PipelineApp[];

export type PipelineService = (typeof PIPELINE_SERVICES)[number];

/**
 * Fails, naming the port and its owner, when one of npm start's ports is
 * taken: a second start-all would die on it, or worse, the bench would
 * measure someone else's pipeline.
 */
export function assertNpmStartPortsFree(): void {
  const taken = Object.entries(NPM_START_PORTS).filter(([, port]) => isListening(port));
  if (taken.length === 0) return;
  const lines = taken.map(([app, port]) => {
    const owner = pidsListeningOn(port)
      .map((pid) => `pid ${pid}: ${readCmdline(pid).slice(0, 80)}`)
      .join('; ');
    return `  port ${port} (${app}) is in use${owner ? ` by ${owner}` : ''}`;
  });
  throw new Error(
    `npm start's ports are taken:\n${lines.join('\n')}\n` +
      'This benchmark runs the pipeline exactly as npm start does, on those ports: stop `npm start` first.',
  );
}
