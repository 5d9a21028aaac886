/* global Chart */
// The dashboard page: one EventSource, four charts, two tables, the buttons.
// Plain browser JavaScript on purpose: no bundler, chart.js served by the app.
(function () {
  'use strict';

  const WINDOW = 120; // points kept per chart (two minutes at the default poll)
  const COLORS = ['#e4572e', '#29335c', '#17bebb', '#f3a712', '#669bbc', '#8e44ad'];
  const $ = (id) => document.getElementById(id);

  function lineChart(id, yTitle, extraAxes) {
    return new Chart($(id), {
      type: 'line',
      data: { labels: [], datasets: [] },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: 'index', intersect: false },
        elements: { point: { radius: 0 }, line: { tension: 0.2, borderWidth: 2 } },
        scales: Object.assign(
          {
            x: { ticks: { maxTicksLimit: 6 } },
            y: { beginAtZero: true, title: { display: true, text: yTitle } },
          },
          extraAxes || {},
        ),
      },
    });
  }

  const charts = {
    intake: lineChart('chart-intake', 'orders/s', {
      latency: {
        position: 'right',
        beginAtZero: true,
        title: { display: true, text: 'ms' },
        grid: { drawOnChartArea: false },
      },
    }),
    depth: lineChart('chart-depth', 'messages'),
    drain: lineChart('chart-drain', 'acks/s'),
    e2e: lineChart('chart-e2e', 'ms'),
  };

  /** The dataset named `label` on `chart`, created on first use. */
  function series(chart, label, index, axis) {
    let dataset = chart.data.datasets.find((d) => d.label === label);
    if (!dataset) {
      const color = COLORS[index % COLORS.length];
      dataset = { label, data: [], borderColor: color, backgroundColor: color, spanGaps: true };
      if (axis) dataset.yAxisID = axis;
      chart.data.datasets.push(dataset);
    }
    return dataset;
  }

  function push(chart, label, values) {
    chart.data.labels.push(label);
    for (const [name, value, index, axis] of values) {
      const dataset = series(chart, name, index, axis);
      while (dataset.data.length < chart.data.labels.length - 1) dataset.data.push(null);
      dataset.data.push(value);
    }
    if (chart.data.labels.length > WINDOW) {
      chart.data.labels.shift();
      for (const dataset of chart.data.datasets) dataset.data.shift();
    }
    chart.update();
  }

  const mb = (bytes) => (bytes === null ? '—' : `${Math.round(bytes / 1048576)} MB`);
  const esc = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

  function renderConsumers(consumers) {
    const rows = consumers.map((c) => {
      const state = !c.up
        ? '<span class="down">down</span>'
        : c.paused === null
          ? 'no admin API'
          : c.paused
            ? `<span class="paused">paused</span> <button data-action="resume" data-service="${esc(c.service)}">Resume</button>`
            : `yes <button data-action="pause" data-service="${esc(c.service)}">Pause</button>`;
      const work =
        c.workTimeMs === null
          ? '—'
          : `<input type="number" min="0" value="${c.workTimeMs}" data-work-time="${esc(c.service)}" aria-label="work time ms for ${esc(c.service)}"> ms ` +
            `<button data-action="work-time" data-service="${esc(c.service)}">Set</button>`;
      return (
        `<tr data-service="${esc(c.service)}"><td>${esc(c.service)}</td><td>${esc(c.queue)}</td>` +
        `<td class="num">${c.ready + c.unacked}</td><td class="num">${c.consumers}</td>` +
        `<td class="num">${c.publishRate}</td><td class="num">${c.ackRate}</td>` +
        `<td class="num">${c.deadLetters}</td><td class="num">${mb(c.rssBytes)}</td>` +
        `<td>${work}</td><td>${state}</td></tr>`
      );
    });
    // Keep a work-time field the user is typing in.
    if (!document.activeElement || !document.activeElement.dataset.workTime) {
      $('consumer-rows').innerHTML = rows.join('');
    }
  }

  function renderOrders(orders) {
    $('order-rows').innerHTML = orders
      .map(
        (o) =>
          `<tr data-order-id="${esc(o.id)}"><td title="${esc(o.id)}">${esc(o.id.slice(0, 8))}</td><td>${esc(o.status)}</td>` +
          `<td class="num">${esc(o.total)}</td><td>` +
          o.steps.map((s) => `<span class="step">${esc(s.type)} +${s.afterMs}</span>`).join('') +
          `</td></tr>`,
      )
      .join('');
  }

  function render(snapshot) {
    const time = new Date(snapshot.at).toLocaleTimeString();
    push(charts.intake, time, [
      ['orders/s', snapshot.intake.ratePerSec, 0],
      ['avg latency ms', snapshot.intake.avgMs, 1, 'latency'],
      ['p95 latency ms', snapshot.intake.p95Ms, 2, 'latency'],
    ]);
    push(
      charts.depth,
      time,
      snapshot.consumers.map((c, i) => [c.service, c.ready + c.unacked, i]),
    );
    push(
      charts.drain,
      time,
      snapshot.consumers.map((c, i) => [c.service, c.ackRate, i]),
    );
    push(charts.e2e, time, [
      ['p50 ms', snapshot.endToEnd ? snapshot.endToEnd.p50Ms : null, 0],
      ['p95 ms', snapshot.endToEnd ? snapshot.endToEnd.p95Ms : null, 1],
    ]);
    renderConsumers(snapshot.consumers);
    renderOrders(snapshot.orders);
    const tb = snapshot.trialBalance;
    $('trial-balance').textContent = tb
      ? `${(tb.debitCents / 100).toFixed(2)} debit = ${(tb.creditCents / 100).toFixed(2)} credit ${tb.balanced ? '✓ balanced' : '✗ NOT balanced'}`
      : 'ledger unavailable';
    $('dead-letters').textContent = String(
      snapshot.consumers.reduce((n, c) => n + c.deadLetters, 0),
    );
    $('accepted').textContent = String(snapshot.intake.acceptedTotal);
    const s = snapshot.spike;
    $('spike').textContent = s.planned
      ? `spike ${s.running ? 'running' : 'done'}: ${s.sent}/${s.planned} sent, ${s.accepted} accepted, ${s.failed} failed`
      : '';
    $('status').textContent =
      `updated ${time}` +
      (snapshot.broker.up ? '' : ' · broker stats unavailable') +
      (snapshot.intake.orderServiceUp ? '' : ' · order-service down');
    window.dashboard.snapshots += 1;
    window.dashboard.last = snapshot;
  }

  async function call(method, path, body) {
    const response = await fetch(path, {
      method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    $('action-result').textContent = response.ok ? '' : `${response.status}: ${text.slice(0, 160)}`;
    return response.ok ? JSON.parse(text || 'null') : null;
  }

  $('place-order').addEventListener('click', async () => {
    const placed = await call('POST', '/actions/order');
    if (placed) $('action-result').textContent = `placed ${placed.id.slice(0, 8)}`;
  });
  $('fire-spike').addEventListener('click', () =>
    call('POST', '/actions/spike', {
      orders: Number($('spike-orders').value),
      seconds: Number($('spike-seconds').value),
    }),
  );
  $('consumer-rows').addEventListener('click', (event) => {
    const button = event.target.closest('button[data-action]');
    if (!button) return;
    const service = button.dataset.service;
    const action = button.dataset.action;
    if (action === 'work-time') {
      const input = document.querySelector(`input[data-work-time="${service}"]`);
      void call('PUT', `/actions/consumers/${service}/work-time`, {
        workTimeMs: Number(input.value),
      });
    } else {
      void call('POST', `/actions/consumers/${service}/${action}`);
    }
  });

  window.dashboard = { charts, snapshots: 0, last: null };
  const events = new EventSource('/events');
  events.onmessage = (message) => render(JSON.parse(message.data));
  events.onerror = () => ($('status').textContent = 'reconnecting…');
})();
