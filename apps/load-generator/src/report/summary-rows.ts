import type { LoadReport } from './load-report';
import { verdictOf } from './verdict';

const ms = (value: number | null | undefined) =>
  value === null || value === undefined ? '–' : `${value} ms`;
const mib = (bytes: number | null) =>
  bytes === null ? 'n/a (no /metrics)' : `${Math.round(bytes / 2 ** 20)} MiB`;

/** The short summary, as label → value, for the terminal table and the top of the HTML page. */
export function summaryRows(report: LoadReport): [string, string][] {
  const { intake, queues, endToEndMs } = report;
  const rejected = Object.entries(report.rejected)
    .map(([status, count]) => `${status}×${count}`)
    .join(' ');
  const e2e = (step: string) => {
    const s = endToEndMs[step];
    return s ? `${ms(s.p50)} / ${ms(s.p90)} / ${ms(s.p99)}` : '–';
  };
  const rows: [string, string][] = [
    ['verdict', verdictOf(report)],
    ['profile', `${report.settings.profile} (${report.settings.arrivals})`],
    ['requests', String(intake.requests)],
    ['accepted', String(report.accepted)],
    ['rejected', rejected || '0'],
    ['lost', String(report.lost)],
    ['double applied', String(report.doubleApplied)],
    ['ledger mismatches', String(report.audit.debitMismatch.length)],
    ['rejected but written', String(report.audit.rejectedWritten.length + intake.invalidAccepted)],
    ['trial balance zero', String(report.audit.trialBalanceZero)],
    [
      'intake p50 / p90 / p99 / max',
      `${ms(intake.latencyMs.p50)} / ${ms(intake.latencyMs.p90)} / ${ms(intake.latencyMs.p99)} / ${ms(intake.latencyMs.max)}`,
    ],
    ['e2e rider p50 / p90 / p99', e2e('rider-assignment')],
    ['e2e merchant p50 / p90 / p99', e2e('merchant-notify')],
    ['e2e ledger p50 / p90 / p99', e2e('ledger')],
    ['e2e all steps p50 / p90 / p99', e2e('allSteps')],
  ];
  for (const [queue, drain] of Object.entries(queues.drain ?? {})) {
    const expected =
      drain.expectedDrainS === null ? '' : ` (backlog ÷ rate ${drain.expectedDrainS} s)`;
    rows.push([
      `${queue}: peak / drain`,
      `${drain.peakDepth} / ${drain.drainTimeS ?? 'not drained'} s${expected}`,
    ]);
  }
  if (!queues.drain) {
    for (const [queue, peak] of Object.entries(queues.peakDepth).filter(
      ([n]) => n.endsWith('.orders') || n.endsWith('.status'),
    )) {
      rows.push([`${queue}: peak depth`, String(peak)]);
    }
  }
  for (const [service, bytes] of Object.entries(report.services.peakRssBytes)) {
    rows.push([`${service} peak RSS`, mib(bytes)]);
  }
  if (report.ramp) {
    const knee = report.ramp.knee;
    rows.push(['ramp knee', knee ? `${knee.rate}/s (p99 ${knee.p99Ms} ms)` : 'none within bounds']);
    rows.push(['ramp stopped by', report.ramp.stoppedBecause ?? '–']);
  }
  return rows;
}
