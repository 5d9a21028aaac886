import type { LoadReport } from './load-report';

const ms = (value: number | null | undefined) =>
  value === null || value === undefined ? '–' : `${Math.round(value)} ms`;

/**
 * The few figures that say how the run went, for the line under the verdict
 * on the report's first screen (the full table is further down).
 */
export function headline(report: LoadReport): string[] {
  const { queues } = report;
  const drained =
    queues.drain === null
      ? null
      : queues.drainTimeS === null
        ? 'queues not drained'
        : `queues drained ${queues.drainTimeS} s after the burst`;
  return [
    `${report.settings.profile} profile`,
    `${report.accepted} accepted of ${report.intake.requests} sent`,
    `lost ${report.lost}`,
    `applied twice ${report.doubleApplied}`,
    `intake p99 ${ms(report.intake.latencyMs.p99)}`,
    `end-to-end p99 ${ms(report.endToEndMs.allSteps?.p99)}`,
    ...(drained ? [drained] : []),
    `queue figures: ${queues.source === 'management' ? 'management API' : queues.source === 'amqp' ? 'AMQP (ready messages; drain = fall in depth)' : 'none'}`,
  ];
}
