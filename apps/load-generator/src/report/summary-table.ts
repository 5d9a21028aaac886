import type { LoadReport } from './load-report';
import { summaryRows } from './summary-rows';

/** The summary as a two-column text table for the terminal. */
export function summaryTable(report: LoadReport): string {
  const rows = summaryRows(report);
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n');
}
