import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CompareReport } from './compare';
import { summaryRows } from './report-table';

/**
 * A self-contained page (Chart.js inlined from node_modules, data embedded):
 * latency percentiles per run, every request's latency over time, and the
 * stopped consumer's queue while the queued set-up kept accepting orders.
 */
export function renderCompareHtml(report: CompareReport): string {
  // The UMD build sits beside the package's main entry (its exports map does not list it).
  const chartJs = readFileSync(join(dirname(require.resolve('chart.js')), 'chart.umd.js'), 'utf8');
  const rows = summaryRows(report);
  const columns = Object.keys(Object.values(rows)[0] ?? {});
  const table = `<table><tr><th>run</th>${columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr>${Object.entries(
    rows,
  )
    .map(
      ([run, cells]) =>
        `<tr><td>${escapeHtml(run)}</td>${columns.map((c) => `<td>${escapeHtml(String(cells[c]))}</td>`).join('')}</tr>`,
    )
    .join('')}</table>`;
  const s = report.settings;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Dinner Rush: sync vs async</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem;max-width:1100px;color:#222}
table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:right}
td:first-child,th:first-child{text-align:left}.chart{height:340px;margin:1.5rem 0}
</style></head><body>
<h1>Synchronous chain vs queued pipeline</h1>
<p>Order work ${s.orderWorkMs} ms; each of rider-assignment, merchant-notify and ledger ${s.downstreamWorkMs} ms.
Open-loop load: ${s.ratePerS} orders/s for ${s.durationS} s per run, the same bodies for both set-ups.
Mode: ${report.mode}. Machine: ${report.machine.cores} cores, ${report.machine.memoryGiB} GiB, load ${report.machine.loadAverage1m}.
Generated ${escapeHtml(report.generatedAt)}.</p>
${table}
<div class="chart"><canvas id="percentiles"></canvas></div>
<div class="chart"><canvas id="timeline"></canvas></div>
<div class="chart"><canvas id="queue"></canvas></div>
<script>${chartJs}</script>
<script>
const report = ${JSON.stringify(report).replace(/</g, '\\u003c')};
${CHART_SCRIPT}
</script></body></html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"]/g,
    (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot' }[c]};`,
  );
}

/** Runs in the browser; reads the embedded report. */
const CHART_SCRIPT = String.raw`
const runs = report.scenarios.flatMap((s) => [['async', s], ['sync', s]].map(([setup, sc]) => ({
  label: sc.name + ' / ' + setup, run: sc[setup], setup })));
const colors = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e'];
const animation = false;
new Chart(document.getElementById('percentiles'), {
  type: 'bar',
  data: { labels: runs.map((r) => r.label), datasets: ['p50', 'p90', 'p99'].map((p, i) => ({
    label: p, backgroundColor: colors[i], data: runs.map((r) => r.run.summary.latencyMs[p]) })) },
  options: { animation, maintainAspectRatio: false, plugins: { title: { display: true,
    text: 'Customer-facing latency (ms), every request' } }, scales: { y: { beginAtZero: true } } },
});
new Chart(document.getElementById('timeline'), {
  type: 'scatter',
  data: { datasets: runs.map((r, i) => {
    const failed = r.run.samples.map((x) => x.status < 200 || x.status >= 300);
    return { label: r.label, backgroundColor: colors[i % colors.length], borderColor: colors[i % colors.length],
      pointStyle: failed.map((f) => (f ? 'crossRot' : 'circle')), pointRadius: failed.map((f) => (f ? 6 : 3)),
      borderWidth: failed.map((f) => (f ? 2 : 1)),
      data: r.run.samples.map((x) => ({ x: x.dueMs / 1000, y: x.latencyMs })) };
  }) },
  options: { animation, maintainAspectRatio: false, plugins: { title: { display: true,
    text: 'Latency of each request over the run (× = failed)' } },
    scales: { x: { title: { display: true, text: 's into the run' } },
      y: { beginAtZero: true, title: { display: true, text: 'ms' } } } },
});
const stoppedRun = report.scenarios.find((s) => s.name === 'downstream-stopped');
const depthRuns = stoppedRun ? [['async', stoppedRun.async], ['sync', stoppedRun.sync]]
  : report.scenarios.map((s) => [s.name + ' / async', s.async]);
new Chart(document.getElementById('queue'), {
  type: 'line',
  // One colour per queue; the second run of each pair dashed.
  data: { datasets: depthRuns.flatMap(([label, run], i) => Object.keys(run.depths[0]?.depths ?? {}).map((q, j) => ({
    label: label + ': ' + q, borderColor: colors[j % colors.length], borderDash: i % 2 ? [6, 4] : [],
    pointRadius: 0, data: run.depths.map((d) => ({ x: d.atMs / 1000, y: d.depths[q] })) }))) },
  options: { animation, maintainAspectRatio: false, parsing: false, plugins: { title: { display: true,
    text: stoppedRun ? 'Consumer queues while ' + report.settings.stopped + ' was stopped' : 'Consumer queues during the async runs' } },
    scales: { x: { type: 'linear', title: { display: true, text: 's into the run' } }, y: { beginAtZero: true } } },
});
`;
