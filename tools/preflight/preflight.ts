import { findingLine, type Finding } from './finding';
import { checkManagement, type ManagementApi } from './management-check';
import { nodeFindings } from './node-check';
import { checkPorts, type AppPort } from './port-check';
import { checkPostgres } from './postgres-check';
import { checkRabbitmq } from './rabbitmq-check';

export interface PreflightTargets {
  databaseUrl: string;
  rabbitmqUrl: string;
  management: ManagementApi;
  ports: readonly AppPort[];
}

export interface PreflightResult {
  findings: Finding[];
  /** Start nothing: something the services need is missing. */
  fatal: boolean;
  /** What to print: one line per finding, or one line saying all is there. */
  lines: string[];
}

/** Checks, all at once, what `npm start` needs before it starts anything. */
export async function preflight(targets: PreflightTargets): Promise<PreflightResult> {
  const reached = await Promise.all([
    checkPostgres(targets.databaseUrl),
    checkRabbitmq(targets.rabbitmqUrl),
    checkPorts(targets.ports),
    checkManagement(targets.management),
  ]);
  return preflightResult([...nodeFindings(), ...reached.flat()], targets.ports);
}

export function preflightResult(findings: Finding[], ports: readonly AppPort[]): PreflightResult {
  const fatal = findings.some((finding) => finding.fatal);
  const lines = findings.map(findingLine);
  if (fatal) lines.push('✗ nothing started: fix the above and run npm start again');
  if (findings.length === 0) {
    const list = ports.map((p) => p.port).join(', ');
    lines.push(`✓ PostgreSQL, RabbitMQ and its management API reachable; ports ${list} free`);
  }
  return { findings, fatal, lines };
}
