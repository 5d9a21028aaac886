import type { LoadReport } from './load-report';

/** The run's verdict in a few words, and why when it failed on the drain. */
export function verdictOf(report: Pick<LoadReport, 'ok' | 'drained' | 'settings'>): string {
  if (report.ok) return 'OK';
  return report.drained
    ? 'FAILED'
    : `FAILED: queues not drained within ${report.settings.drainTimeoutS} s`;
}
