import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeJson } from '../shared/results';
import { runCompare, type CompareReport } from './compare';
import type { CompareOptions } from './compare-options';
import { renderCompareHtml } from './report-html';
import { auditLines, failureLines, summaryRows } from './report-table';
import { assertHttpIngest, externalSetups, startManagedSetups, type CompareSetups } from './setups';

/**
 * `dinner-rush compare` (npm run compare): the synchronous chain against the
 * queued pipeline, same work times, same load. Figures, not a test: the exit
 * code (returned) is non-zero only when the queued set-up lost an order or
 * applied one twice.
 */
export async function runCompareCommand(options: CompareOptions): Promise<number> {
  const { settings } = options;
  const log = (line: string) => console.log(`[compare] ${line}`);
  let setups: CompareSetups | undefined;
  try {
    if (options.external) {
      const stoppedHere = settings.scenarios.includes('downstream-stopped')
        ? settings.stopped
        : undefined;
      setups = await externalSetups(options.external, settings);
      const operator = await setups.issueToken('operator');
      await assertHttpIngest(options.external.downstreamUrls, operator, stoppedHere);
    } else {
      log('starting order-service, the three consumers (HTTP_INGEST) and the sync baseline…');
      setups = await startManagedSetups(settings);
    }
    const report = await runCompare(setups, settings, log);
    const dir = writeReport(report, options.outDir);
    console.table(summaryRows(report));
    for (const line of [...auditLines(report), ...failureLines(report)]) console.log(line);
    console.log(`report: ${join(dir, 'compare.html')} (and compare.json)`);
    const broken = report.scenarios.some(
      (s) => s.async.audit !== null && (s.async.audit.lost > 0 || s.async.audit.doubleApplied > 0),
    );
    return broken ? 1 : 0;
  } finally {
    await setups?.close();
  }
}

function writeReport(report: CompareReport, outDir: string): string {
  const dir = join(outDir, report.generatedAt.replace(/[:.]/g, '-'));
  writeJson(join(dir, 'compare.json'), report);
  writeFileSync(join(dir, 'compare.html'), renderCompareHtml(report));
  return dir;
}
