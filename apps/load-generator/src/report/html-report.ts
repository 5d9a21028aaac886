import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { LoadReport } from './load-report';
import { headline } from './headline';
import { summaryRows } from './summary-rows';
import { verdictOf } from './verdict';

/** Chart.js's UMD build, read from node_modules and inlined: the page works offline, no CDN. */
function chartJsSource(): string {
  const umd = join(dirname(require.resolve('chart.js')), 'chart.umd.js');
  return readFileSync(umd, 'utf8').replace(/<\/script/gi, '<\\/script');
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c,
  );

/** JSON that is safe inside a <script> element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/**
 * A self-contained page. The first screen (1400 × 900) holds the verdict, the
 * headline figures and the four charts at a fixed height (a canvas sized by
 * its own content grows without end); the full table and the report as JSON
 * come below.
 */
export function renderHtmlReport(report: LoadReport): string {
  const rows = summaryRows(report)
    .map(([label, value]) => `<tr><th>${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`)
    .join('\n');
  const figures = headline(report)
    .map((figure) => `<span>${escapeHtml(figure)}</span>`)
    .join(' · ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Dinner Rush load report ${escapeHtml(report.runId)}</title>
<style>
  body { font: 14px system-ui, sans-serif; margin: 16px 24px; color: #222; }
  header h1 { font-size: 20px; margin: 0 0 4px; } .ok { color: #1a7f37; } .failed { color: #cf222e; }
  header p { margin: 0 0 12px; color: #444; }
  .charts { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 12px 24px; }
  figure { margin: 0; } figcaption { font-weight: 600; margin-bottom: 4px; }
  .chart { position: relative; height: 330px; }
  h2 { font-size: 16px; margin: 28px 0 8px; }
  table { border-collapse: collapse; }
  th, td { text-align: left; padding: 3px 12px 3px 0; border-bottom: 1px solid #eee; }
</style>
</head>
<body>
<header>
<h1 id="verdict">Dinner Rush load report: <span class="${report.ok ? 'ok' : 'failed'}">${escapeHtml(verdictOf(report))}</span></h1>
<p id="headline">${figures}</p>
</header>
<section class="charts">
  <figure><figcaption>Intake: rate and latency over time</figcaption><div class="chart"><canvas id="intake-chart"></canvas></div></figure>
  <figure><figcaption>Queue depth per consumer queue, and the rider waiting line</figcaption><div class="chart"><canvas id="queue-chart"></canvas></div></figure>
  <figure><figcaption>Drain rate per consumer queue (messages/s)</figcaption><div class="chart"><canvas id="drain-chart"></canvas></div></figure>
  <figure><figcaption>End-to-end latency distribution (order created → step)</figcaption><div class="chart"><canvas id="e2e-chart"></canvas></div></figure>
</section>
<h2>Summary</h2>
<p>${escapeHtml(report.startedAt)} → ${escapeHtml(report.finishedAt)}, ${report.machine.cores} cores, Node ${escapeHtml(report.machine.node)}</p>
<table>${rows}</table>
<script>${chartJsSource()}</script>
<script id="report-data" type="application/json">${scriptJson(report)}</script>
<script>${CHARTS_SCRIPT}</script>
</body>
</html>
`;
}

/** Runs in the page: builds the four charts from the embedded report. No animation, so they draw at once. */
const CHARTS_SCRIPT = `
(function () {
  var report = JSON.parse(document.getElementById('report-data').textContent);
  var palette = ['#0969da', '#cf222e', '#1a7f37', '#8250df', '#bf8700', '#57606a'];
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.plugins.legend.labels.boxWidth = 12;
  var linear = function (title) { return { type: 'linear', title: { display: true, text: title } }; };
  // Counts and rates are never negative: an idle queue's flat line sits on the axis, not mid-chart.
  var count = function (title) { return Object.assign(linear(title), { min: 0, suggestedMax: 1 }); };
  var series = function (rows, key, pick) {
    return rows.map(function (row) { return { x: row[key], y: pick(row) }; });
  };
  var perConsumer = function (rows, field) {
    var names = rows.length ? Object.keys(rows[0][field]) : [];
    return names.map(function (name, i) {
      return { label: name, borderColor: palette[i % palette.length], pointRadius: 0,
        data: series(rows, 'tS', function (row) { return row[field][name]; }) };
    });
  };
  var intake = report.series.intake;
  new Chart(document.getElementById('intake-chart'), {
    type: 'line',
    data: { datasets: [
      { label: 'offered/s', borderColor: palette[5], pointRadius: 0, data: series(intake, 'tS', function (r) { return r.offered; }) },
      { label: 'accepted/s', borderColor: palette[2], pointRadius: 0, data: series(intake, 'tS', function (r) { return r.accepted; }) },
      { label: 'failed/s', borderColor: palette[1], pointRadius: 0, data: series(intake, 'tS', function (r) { return r.failed; }) },
      { label: 'p50 ms', borderColor: palette[0], borderDash: [4, 3], pointRadius: 0, yAxisID: 'ms', data: series(intake, 'tS', function (r) { return r.p50Ms; }) },
      { label: 'p99 ms', borderColor: palette[3], borderDash: [4, 3], pointRadius: 0, yAxisID: 'ms', data: series(intake, 'tS', function (r) { return r.p99Ms; }) }
    ] },
    options: { scales: { x: linear('seconds'), y: linear('orders/s'),
      ms: Object.assign(linear('latency ms'), { position: 'right', grid: { drawOnChartArea: false } }) } }
  });
  var waiting = { label: 'rider waiting line', borderColor: '#57606a', borderDash: [6, 4], pointRadius: 0,
    data: series(report.series.queues, 'tS', function (row) { return row.waitingLine; }) };
  new Chart(document.getElementById('queue-chart'), {
    type: 'line', data: { datasets: perConsumer(report.series.queues, 'depth').concat([waiting]) },
    options: { scales: { x: linear('seconds'), y: count('messages / orders waiting') } }
  });
  new Chart(document.getElementById('drain-chart'), {
    type: 'line', data: { datasets: perConsumer(report.series.queues, 'drainRate') },
    options: { scales: { x: linear('seconds'), y: count('messages/s') } }
  });
  var steps = Object.keys(report.distributions.endToEndMs);
  new Chart(document.getElementById('e2e-chart'), {
    type: 'line',
    data: { datasets: steps.map(function (step, i) {
      return { label: step, borderColor: palette[i % palette.length], stepped: true, pointRadius: 0,
        data: report.distributions.endToEndMs[step].map(function (b) { return { x: b.fromMs, y: b.count }; }) };
    }) },
    options: { scales: { x: linear('ms after the order was created'), y: linear('orders') } }
  });
  window.chartsReady = true;
})();
`;
