import type { CompareReport } from './compare';

/** One row per scenario and set-up: the customer-facing figures side by side. */
export function summaryRows(
  report: CompareReport,
): Record<string, Record<string, string | number>> {
  const rows: Record<string, Record<string, string | number>> = {};
  for (const scenario of report.scenarios) {
    for (const setup of ['async', 'sync'] as const) {
      const { summary } = scenario[setup];
      rows[`${scenario.name} / ${setup}`] = {
        requests: summary.requests,
        'p50 ms': summary.latencyMs.p50 ?? '-',
        'p90 ms': summary.latencyMs.p90 ?? '-',
        'p99 ms': summary.latencyMs.p99 ?? '-',
        'ok/s': summary.throughputPerS,
        'error %': Math.round(summary.errorRate * 1_000) / 10,
        statuses: Object.entries(summary.byStatus)
          .map(([status, n]) => `${status}×${n}`)
          .join(' '),
      };
    }
  }
  return rows;
}

/** The audit and queue lines under the table (async side only: the sync side has no queue). */
export function auditLines(report: CompareReport): string[] {
  return report.scenarios.map((scenario) => {
    const audit = scenario.async.audit;
    const growth = scenario.async.stoppedQueueGrowth;
    const audited = audit
      ? `audit: ${audit.complete}/${audit.accepted} complete, lost ${audit.lost}, applied twice ${audit.doubleApplied}`
      : 'audit: not run (restart the stopped service, then audit)';
    return `${scenario.name}: ${audited}${growth === null ? '' : `; ${report.settings.stopped} queue grew by ${growth}`}`;
  });
}

/** The main reason each failing run gave, so a surprise (a broken consumer) is seen at once. */
export function failureLines(report: CompareReport): string[] {
  return report.scenarios.flatMap((scenario) =>
    (['async', 'sync'] as const).flatMap((setup) => {
      const top = scenario[setup].failureReasons[0];
      return top
        ? [`${scenario.name} / ${setup} failures, mostly ${top.reason} (×${top.count})`]
        : [];
    }),
  );
}
