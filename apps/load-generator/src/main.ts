import { parseLoadOptions, USAGE } from './cli/load-options';
import { summaryTable } from './report/summary-table';
import { runLoad } from './run-load';

/**
 * npm run load -- --profile spike|steady|ramp|<file.json> [options]  (--help for all)
 * Exit code: 0 when every accepted order went through once; 1 when anything
 * was lost or applied twice (or the ledger disagrees); 2 on bad arguments.
 */
async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  let options;
  try {
    options = parseLoadOptions(argv, process.env);
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  const { report, jsonPath, htmlPath } = await runLoad(options, (line) => console.error(line));
  console.log(summaryTable(report));
  console.log(`\nreport: ${jsonPath}\n        ${htmlPath}`);
  return report.lost > 0 || report.doubleApplied > 0 || !report.ok ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
