import type { LoadOptions } from './cli/load-options';
import { summaryTable } from './report/summary-table';
import { runLoad } from './run-load';

/**
 * `dinner-rush load` (npm run load): one run, its summary on stdout, progress
 * and warnings on stderr. Returns the exit code: 0 when every accepted order
 * went through once; 1 when anything was lost or applied twice (or the ledger
 * disagrees). Bad arguments never get here (the CLI exits 2).
 */
export async function runLoadCommand(options: LoadOptions): Promise<number> {
  const { report, jsonPath, htmlPath } = await runLoad(options, (line) => console.error(line));
  console.log(summaryTable(report));
  console.log(`\nreport: ${jsonPath}\n        ${htmlPath}`);
  return report.lost > 0 || report.doubleApplied > 0 || !report.ok ? 1 : 0;
}
