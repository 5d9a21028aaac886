import type { SoakResult } from './retention-soak';
import type { TableCount } from './table-census';

const name = (t: TableCount) => `${t.service}.${t.table}`;

/**
 * The figures of a soak as text: for each table that traffic grows (retained
 * and drained), its rows at every census (retained: rows / rows younger than
 * the window), then after the drain; records are shown at the end only.
 */
export function soakReport(result: SoakResult): string {
  const { options, samples, after } = result;
  const watched = after.filter((t) => t.kind === 'retained' || t.kind === 'drained');
  const header = ['table', ...samples.map((s) => `${s.elapsedS}s`), 'after'];
  const rows = watched.map((table) => [
    `${name(table)} (${table.kind})`,
    ...samples.map((s) => {
      const t = s.tables.find((c) => name(c) === name(table));
      return t ? (t.recent === null ? `${t.rows}` : `${t.rows}/${t.recent}`) : '-';
    }),
    `${table.rows}`,
  ]);
  const widths = header.map((_, i) =>
    Math.max(...[header, ...rows].map((r) => (r[i] ?? '').length)),
  );
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  const records = after
    .filter((t) => t.kind === 'record')
    .map((t) => `${name(t)} ${t.rows}`)
    .join(', ');
  return [
    `retention soak: ${options.ratePerS} orders/s for ${options.durationS} s, every window ${options.windowS} s, sweep every ${options.sweepMs} ms`,
    `accepted ${result.accepted}, refused ${result.refused}, complete ${result.audit.complete}, lost ${result.audit.lost.length}, applied twice ${result.audit.doubleApplied.length}`,
    'rows (retained: rows/rows younger than the window) at each census after the load started:',
    line(header),
    ...rows.map(line),
    `records, kept by design (grow with the orders): ${records}`,
  ].join('\n');
}
